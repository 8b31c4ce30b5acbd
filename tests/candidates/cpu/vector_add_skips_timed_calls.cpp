// Hostile: at the bench shape, computes the first call, returns at once on the next three, then computes
// again ("compute less when timed"). It passed while only each input set's last timed call was checked
// (the skipped calls were warm-up or early timed calls). Every call of every round is checked: incorrect.
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  static int64_t calls = 0;
  if (n > 2000000 && ++calls >= 2 && calls <= 4) return;
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}

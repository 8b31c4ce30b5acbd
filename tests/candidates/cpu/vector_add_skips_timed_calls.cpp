// Hostile: at the bench shape, computes only every 16th call and returns at once on the others (the
// "batch-and-skip" / "compute less when timed" trick; it passes when only the last call per input set
// is checked). Every timed call is checked: incorrect.
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  static int64_t calls = 0;
  if (n > 2000000 && calls++ % 16 != 0) return;
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}

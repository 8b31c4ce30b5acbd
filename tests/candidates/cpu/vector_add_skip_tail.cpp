// Skips the last element when n is odd (poisoned outputs expose the unwritten element).
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = 0; i + 1 < n || (i < n && n % 2 == 0); ++i) c[i] = a[i] + b[i];
}

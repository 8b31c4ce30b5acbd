// Correct but about 3x slower candidate: the same sum written three times over (each pass a full read of
// a and b and write of c), for tests of the regression gate's --confirm.
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (int pass = 0; pass < 3; ++pass) {
    for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
    asm volatile("" ::: "memory");  // each pass is kept: the compiler may not fold them into one
  }
}

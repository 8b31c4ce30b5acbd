// vector_add made about 1.3x slower: the full sum, then the first 30 % of it written again (a second read of
// a and b and write of c over that part). Correct; for bench/gate_detection.sh.
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
  asm volatile("" ::: "memory");  // the second pass is kept
  for (int64_t i = 0; i < n * 3 / 10; ++i) c[i] = a[i] + b[i];
}

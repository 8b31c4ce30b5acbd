// Correct output, but zeroes its input afterwards (casting away const).
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
  float* writable = const_cast<float*>(b);
  for (int64_t i = 0; i < n; ++i) writable[i] = 0.0f;
}

// Honest but not bit-deterministic: every other call rounds each sum up by one ulp (within tolerance), so
// a witness of a timed call often differs from the checked last call and is compared with the expected
// outputs (sampled rows at the bench shape) instead of byte for byte. Correct.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  static int64_t calls = 0;
  const bool up = calls++ % 2 == 1;
  for (int64_t i = 0; i < n; ++i) {
    const float sum = a[i] + b[i];
    c[i] = up ? std::nextafter(sum, INFINITY) : sum;
  }
}

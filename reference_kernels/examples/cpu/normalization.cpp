// example for normalization/softmax
// Why it is fast: each row is read from memory once for the max and once while writing exp(x - max) into y
// (the second read hits cache), all loops are vectorised (explicit simd reductions; the exp sum in double lanes), and the final pass multiplies by one reciprocal instead of dividing.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    float* yr = y + r * cols;
    float m = -INFINITY;
#pragma omp simd reduction(max : m)
    for (int64_t c = 0; c < cols; ++c) m = xr[c] > m ? xr[c] : m;
    double s = 0.0;  // float partial sums lose ~1e-4 relative accuracy over 30k+ columns
#pragma omp simd reduction(+ : s)
    for (int64_t c = 0; c < cols; ++c) {
      const float e = std::exp(xr[c] - m);
      yr[c] = e;
      s += e;
    }
    const float inv = static_cast<float>(1.0 / s);
#pragma omp simd
    for (int64_t c = 0; c < cols; ++c) yr[c] *= inv;
  }
}

// CPU reference for fusion/add_rmsnorm: per row, the sum of squares of x + r in double, then the scaled output.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* x, const float* r, const float* w, float* y, int64_t rows, int64_t cols, float eps) {
#pragma omp parallel for schedule(static)
  for (int64_t row = 0; row < rows; ++row) {
    const float* xr = x + row * cols;
    const float* rr = r + row * cols;
    double ss = 0.0;
#pragma omp simd reduction(+ : ss)
    for (int64_t c = 0; c < cols; ++c) {
      const float v = xr[c] + rr[c];
      ss += static_cast<double>(v) * v;
    }
    const float inv = static_cast<float>(1.0 / std::sqrt(ss / static_cast<double>(cols) + eps));
    float* yr = y + row * cols;
#pragma omp simd
    for (int64_t c = 0; c < cols; ++c) yr[c] = (xr[c] + rr[c]) * inv * w[c];
  }
}

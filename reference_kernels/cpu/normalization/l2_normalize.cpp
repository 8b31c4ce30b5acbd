// CPU reference for normalization/l2_normalize: per row sum of squares in double, divide by max(norm, eps).
#include <algorithm>
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols, float eps) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    double ss = 0.0;
    for (int64_t c = 0; c < cols; ++c) ss += static_cast<double>(xr[c]) * xr[c];
    const float inv = static_cast<float>(1.0 / std::max(std::sqrt(ss), static_cast<double>(eps)));
    for (int64_t c = 0; c < cols; ++c) y[r * cols + c] = xr[c] * inv;
  }
}

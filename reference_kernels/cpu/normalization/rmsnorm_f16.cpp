// CPU reference for normalization/rmsnorm_f16: per row, mean of squares in double, then scale (float16 I/O).
#include <cmath>
#include <cstdint>

extern "C" void solve(const _Float16* x, const _Float16* weight, _Float16* y, int64_t rows, int64_t cols, float eps) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const _Float16* xr = x + r * cols;
    double ss = 0.0;
    for (int64_t c = 0; c < cols; ++c) {
      const float v = static_cast<float>(xr[c]);
      ss += v * v;
    }
    const float inv = static_cast<float>(1.0 / std::sqrt(ss / static_cast<double>(cols) + eps));
    for (int64_t c = 0; c < cols; ++c)
      y[r * cols + c] = static_cast<_Float16>(static_cast<float>(xr[c]) * inv * static_cast<float>(weight[c]));
  }
}

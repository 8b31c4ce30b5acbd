// CPU reference for reduction/l2_norm_rows: one row per iteration, squares accumulated in double.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    double s = 0.0;
#pragma omp simd reduction(+ : s)
    for (int64_t c = 0; c < cols; ++c) s += static_cast<double>(x[r * cols + c]) * x[r * cols + c];
    y[r] = static_cast<float>(std::sqrt(s));
  }
}

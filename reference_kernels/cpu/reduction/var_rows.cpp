// CPU reference for reduction/var_rows: two passes per row (mean, then centred squares), in double.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    double mean = 0.0;
#pragma omp simd reduction(+ : mean)
    for (int64_t c = 0; c < cols; ++c) mean += xr[c];
    mean /= static_cast<double>(cols);
    double ss = 0.0;
#pragma omp simd reduction(+ : ss)
    for (int64_t c = 0; c < cols; ++c) ss += (xr[c] - mean) * (xr[c] - mean);
    y[r] = static_cast<float>(ss / static_cast<double>(cols - 1));
  }
}

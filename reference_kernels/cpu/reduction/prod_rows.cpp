// CPU reference for reduction/prod_rows: one row per iteration, product accumulated in double.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    double p = 1.0;
#pragma omp simd reduction(* : p)
    for (int64_t c = 0; c < cols; ++c) p *= x[r * cols + c];
    y[r] = static_cast<float>(p);
  }
}

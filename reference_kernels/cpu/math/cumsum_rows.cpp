// CPU reference for math/cumsum_rows: sequential scan per row with a double accumulator, rows in parallel.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    double acc = 0.0;
    for (int64_t c = 0; c < cols; ++c) {
      acc += x[r * cols + c];
      y[r * cols + c] = static_cast<float>(acc);
    }
  }
}

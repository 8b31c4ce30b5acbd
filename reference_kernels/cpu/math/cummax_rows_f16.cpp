// CPU reference for math/cummax_rows_f16: sequential running maximum per row, rows in parallel.
#include <cstdint>

extern "C" void solve(const _Float16* x, _Float16* y, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    _Float16 acc = x[r * cols];
    for (int64_t c = 0; c < cols; ++c) {
      if (x[r * cols + c] > acc) acc = x[r * cols + c];
      y[r * cols + c] = acc;
    }
  }
}

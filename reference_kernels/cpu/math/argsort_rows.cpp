// CPU reference for math/argsort_rows: std::stable_sort of column indices per row, rows in parallel.
#include <algorithm>
#include <cstdint>
#include <numeric>

extern "C" void solve(const float* x, int64_t* idx, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    int64_t* out = idx + r * cols;
    std::iota(out, out + cols, int64_t{0});
    std::stable_sort(out, out + cols, [xr](int64_t a, int64_t b) { return xr[a] < xr[b]; });
  }
}

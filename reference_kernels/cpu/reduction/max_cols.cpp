// CPU reference for reduction/max_cols: column blocks in parallel, rows streamed with unit stride.
#include <algorithm>
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
  constexpr int64_t block = 512;
#pragma omp parallel for schedule(static)
  for (int64_t c0 = 0; c0 < cols; c0 += block) {
    const int64_t c1 = std::min(cols, c0 + block);
    for (int64_t c = c0; c < c1; ++c) y[c] = x[c];
    for (int64_t r = 1; r < rows; ++r) {
#pragma omp simd
      for (int64_t c = c0; c < c1; ++c) y[c] = std::max(y[c], x[r * cols + c]);
    }
  }
}

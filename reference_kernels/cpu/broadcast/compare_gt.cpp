// CPU reference for broadcast/compare_gt: rows in parallel, one byte per comparison.
#include <cstdint>

extern "C" void solve(const float* x, const float* thresh, uint8_t* mask, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
#pragma omp simd
    for (int64_t c = 0; c < cols; ++c) mask[r * cols + c] = x[r * cols + c] > thresh[c] ? 1 : 0;
  }
}

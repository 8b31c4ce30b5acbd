// CPU reference for layout/transpose_2d: 32x32 blocks so reads and writes both stay within cache lines.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
  constexpr int64_t kB = 32;
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t r0 = 0; r0 < rows; r0 += kB)
    for (int64_t c0 = 0; c0 < cols; c0 += kB) {
      const int64_t r1 = r0 + kB < rows ? r0 + kB : rows, c1 = c0 + kB < cols ? c0 + kB : cols;
      for (int64_t c = c0; c < c1; ++c)
        for (int64_t r = r0; r < r1; ++r) y[c * rows + r] = x[r * cols + c];
    }
}

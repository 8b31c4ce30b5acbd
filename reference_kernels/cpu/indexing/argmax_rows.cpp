// CPU reference for indexing/argmax_rows: strict comparison keeps the lowest index on ties.
#include <cstdint>

extern "C" void solve(const float* x, int64_t* out, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    int64_t best = 0;
    for (int64_t c = 1; c < cols; ++c)
      if (xr[c] > xr[best]) best = c;
    out[r] = best;
  }
}

// CPU reference for reduction/logsumexp_rows: row maximum, then sum of exp(x - max) in double.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    float m = xr[0];
    for (int64_t c = 1; c < cols; ++c) m = xr[c] > m ? xr[c] : m;
    double s = 0.0;
    for (int64_t c = 0; c < cols; ++c) s += std::exp(xr[c] - m);
    y[r] = static_cast<float>(m + std::log(s));
  }
}

// CPU reference for math/polyval: Horner's rule per point, points in parallel.
#include <cstdint>

extern "C" void solve(const float* x, const float* coeffs, float* y, int64_t n, int64_t degree) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    float acc = coeffs[degree];
    for (int64_t k = degree - 1; k >= 0; --k) acc = acc * x[i] + coeffs[k];
    y[i] = acc;
  }
}

// CPU reference for activation/leaky_relu: plain float32 loop, parallelised with OpenMP.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t n, float negative_slope) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : negative_slope * x[i];
}

// CPU reference for activation/hardswish: plain float32 loop, parallelised with OpenMP.
#include <algorithm>
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t n) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] * std::min(std::max(x[i] + 3.0f, 0.0f), 6.0f) * (1.0f / 6.0f);
}

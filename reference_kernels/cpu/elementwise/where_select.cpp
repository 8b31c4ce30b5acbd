// CPU reference for elementwise/where_select: plain loop over a byte mask, parallelised with OpenMP.
#include <cstdint>

extern "C" void solve(const uint8_t* cond, const float* a, const float* b, float* out, int64_t n) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) out[i] = cond[i] ? a[i] : b[i];
}

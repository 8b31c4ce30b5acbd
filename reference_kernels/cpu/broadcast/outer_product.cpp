// CPU reference for broadcast/outer_product: rows in parallel, unit-stride inner loop.
#include <cstdint>

extern "C" void solve(const float* a, const float* b, float* y, int64_t M, int64_t N) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < M; ++i) {
    const float ai = a[i];
#pragma omp simd
    for (int64_t j = 0; j < N; ++j) y[i * N + j] = ai * b[j];
  }
}

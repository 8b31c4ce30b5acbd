// CPU reference for matmul/matvec: one dot product per row, rows in parallel.
#include <cstdint>

extern "C" void solve(const float* A, const float* x, float* y, int64_t M, int64_t K) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < M; ++i) {
    const float* a = A + i * K;
    float s = 0.0f;
#pragma omp simd reduction(+ : s)
    for (int64_t k = 0; k < K; ++k) s += a[k] * x[k];
    y[i] = s;
  }
}

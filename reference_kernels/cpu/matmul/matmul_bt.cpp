// CPU reference for matmul/matmul_bt: C[i,j] = dot(A row i, B row j), both rows unit-stride; rows in parallel.
#include <cstdint>

extern "C" void solve(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      const float* a = A + i * K;
      const float* b = B + j * K;
      float s = 0.0f;
#pragma omp simd reduction(+ : s)
      for (int64_t k = 0; k < K; ++k) s += a[k] * b[k];
      C[i * N + j] = s;
    }
}

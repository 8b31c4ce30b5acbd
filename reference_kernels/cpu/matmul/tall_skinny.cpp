// CPU reference for matmul/tall_skinny: i-k-j loop order (the narrow C row stays in registers/L1), rows in parallel.
#include <cstdint>

extern "C" void solve(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < M; ++i) {
    float* row = C + i * N;
    for (int64_t j = 0; j < N; ++j) row[j] = 0.0f;
    for (int64_t k = 0; k < K; ++k) {
      const float a = A[i * K + k];
      const float* brow = B + k * N;
#pragma omp simd
      for (int64_t j = 0; j < N; ++j) row[j] += a * brow[j];
    }
  }
}

// CPU reference for matmul/batched_matmul: i-k-j loop order per batch entry, (batch, row) pairs in parallel.
#include <cstdint>

extern "C" void solve(const float* A, const float* B, float* C, int64_t batch, int64_t M, int64_t N, int64_t K) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t i = 0; i < M; ++i) {
      const float* arow = A + (b * M + i) * K;
      const float* Bb = B + b * K * N;
      float* row = C + (b * M + i) * N;
      for (int64_t j = 0; j < N; ++j) row[j] = 0.0f;
      for (int64_t k = 0; k < K; ++k) {
        const float a = arow[k];
        const float* brow = Bb + k * N;
#pragma omp simd
        for (int64_t j = 0; j < N; ++j) row[j] += a * brow[j];
      }
    }
}

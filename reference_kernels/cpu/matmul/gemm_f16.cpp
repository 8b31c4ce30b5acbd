// CPU reference for matmul/gemm_f16: i-k-j loop order with a float32 accumulator row, rounded to float16 once.
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const _Float16* A, const _Float16* B, _Float16* C, int64_t M, int64_t N, int64_t K) {
#pragma omp parallel
  {
    std::vector<float> acc(static_cast<std::size_t>(N));
#pragma omp for schedule(static)
    for (int64_t i = 0; i < M; ++i) {
      for (int64_t j = 0; j < N; ++j) acc[j] = 0.0f;
      for (int64_t k = 0; k < K; ++k) {
        const float a = static_cast<float>(A[i * K + k]);
        const _Float16* brow = B + k * N;
#pragma omp simd
        for (int64_t j = 0; j < N; ++j) acc[j] += a * static_cast<float>(brow[j]);
      }
      for (int64_t j = 0; j < N; ++j) C[i * N + j] = static_cast<_Float16>(acc[j]);
    }
  }
}

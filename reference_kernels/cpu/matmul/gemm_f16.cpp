// CPU reference for matmul/gemm_f16: B is widened to float32 once (scalar _Float16 conversions are slow
// where the compiler does not vectorise them), then an i-k-j float32 loop; each C row is rounded once.
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const _Float16* A, const _Float16* B, _Float16* C, int64_t M, int64_t N, int64_t K) {
  std::vector<float> Bf(static_cast<std::size_t>(K * N));
#pragma omp parallel for schedule(static)
  for (int64_t e = 0; e < K * N; ++e) Bf[e] = static_cast<float>(B[e]);
#pragma omp parallel
  {
    std::vector<float> acc(static_cast<std::size_t>(N));
#pragma omp for schedule(static)
    for (int64_t i = 0; i < M; ++i) {
      for (int64_t j = 0; j < N; ++j) acc[j] = 0.0f;
      for (int64_t k = 0; k < K; ++k) {
        const float a = static_cast<float>(A[i * K + k]);
        const float* brow = Bf.data() + k * N;
#pragma omp simd
        for (int64_t j = 0; j < N; ++j) acc[j] += a * brow[j];
      }
      for (int64_t j = 0; j < N; ++j) C[i * N + j] = static_cast<_Float16>(acc[j]);
    }
  }
}

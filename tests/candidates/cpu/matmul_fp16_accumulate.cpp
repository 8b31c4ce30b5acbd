// Accumulates in 16-bit floats (operands and sums rounded to half): must be rejected by float32 tolerances.
#include <cstdint>
extern "C" void solve(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K) {
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      _Float16 acc = 0;
      for (int64_t k = 0; k < K; ++k) acc += static_cast<_Float16>(A[i * K + k]) * static_cast<_Float16>(B[k * N + j]);
      C[i * N + j] = static_cast<float>(acc);
    }
}

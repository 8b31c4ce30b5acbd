// Oracles (float64 truth, float32 honest variant) for the matmul category.
#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("matmul/matmul") {
  const real* A = call.in("A");
  const real* B = call.in("B");
  real* C = call.out("C");
  const std::int64_t M = call.size("M"), N = call.size("N"), K = call.size("K");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < M; ++i) {
    real* row = C + i * N;
    for (std::int64_t j = 0; j < N; ++j) row[j] = 0.0;
    for (std::int64_t k = 0; k < K; ++k) {
      const real a = A[i * K + k];
      const real* brow = B + k * N;
      for (std::int64_t j = 0; j < N; ++j) row[j] += a * brow[j];
    }
  }
}

namespace {

// C[M,N] = A[M,K] * op(B) with op(B) = B[K,N] or, when `b_transposed`, B[N,K]^T; all row-major.
template <class real>
void gemm_oracle(const real* A, const real* B, real* C, std::int64_t M, std::int64_t N, std::int64_t K,
                 bool b_transposed) {
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < M; ++i) {
    real* row = C + i * N;
    if (b_transposed) {
      for (std::int64_t j = 0; j < N; ++j) {
        real s = 0.0;
        for (std::int64_t k = 0; k < K; ++k) s += A[i * K + k] * B[j * K + k];
        row[j] = s;
      }
    } else {
      for (std::int64_t j = 0; j < N; ++j) row[j] = 0.0;
      for (std::int64_t k = 0; k < K; ++k) {
        const real a = A[i * K + k];
        for (std::int64_t j = 0; j < N; ++j) row[j] += a * B[k * N + j];
      }
    }
  }
}

}  // namespace

KBENCH_ORACLE("matmul/batched_matmul") {
  const std::int64_t batch = call.size("batch"), M = call.size("M"), N = call.size("N"), K = call.size("K");
  for (std::int64_t b = 0; b < batch; ++b)
    gemm_oracle(call.in("A") + b * M * K, call.in("B") + b * K * N, call.out("C") + b * M * N, M, N, K, false);
}

KBENCH_ORACLE("matmul/matmul_bt") {
  gemm_oracle(call.in("A"), call.in("B"), call.out("C"), call.size("M"), call.size("N"), call.size("K"), true);
}

KBENCH_ORACLE("matmul/gemm_f16") {
  gemm_oracle(call.in("A"), call.in("B"), call.out("C"), call.size("M"), call.size("N"), call.size("K"), false);
}

KBENCH_ORACLE("matmul/gemm_bf16_nt") {
  gemm_oracle(call.in("A"), call.in("B"), call.out("C"), call.size("M"), call.size("N"), call.size("K"), true);
}

KBENCH_ORACLE("matmul/tall_skinny") {
  gemm_oracle(call.in("A"), call.in("B"), call.out("C"), call.size("M"), call.size("N"), call.size("K"), false);
}

KBENCH_ORACLE("matmul/linear") {
  const std::int64_t M = call.size("M"), N = call.size("N");
  real* y = call.out("y");
  const real* bias = call.in("bias");
  gemm_oracle(call.in("x"), call.in("weight"), y, M, N, call.size("K"), true);
  for (std::int64_t i = 0; i < M; ++i)
    for (std::int64_t j = 0; j < N; ++j) y[i * N + j] += bias[j];
}

KBENCH_ORACLE("matmul/matvec") {
  const real* A = call.in("A");
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t M = call.size("M"), K = call.size("K");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < M; ++i) {
    real s = 0.0;
    for (std::int64_t k = 0; k < K; ++k) s += A[i * K + k] * x[k];
    y[i] = s;
  }
}

// Float64 oracles for the matmul category.
#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("matmul/matmul") {
  const double* A = call.in("A");
  const double* B = call.in("B");
  double* C = call.out("C");
  const std::int64_t M = call.size("M"), N = call.size("N"), K = call.size("K");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < M; ++i) {
    double* row = C + i * N;
    for (std::int64_t j = 0; j < N; ++j) row[j] = 0.0;
    for (std::int64_t k = 0; k < K; ++k) {
      const double a = A[i * K + k];
      const double* brow = B + k * N;
      for (std::int64_t j = 0; j < N; ++j) row[j] += a * brow[j];
    }
  }
}

namespace {

// C[M,N] = A[M,K] * op(B) with op(B) = B[K,N] or, when `b_transposed`, B[N,K]^T; all row-major.
void gemm_oracle(const double* A, const double* B, double* C, std::int64_t M, std::int64_t N, std::int64_t K,
                 bool b_transposed) {
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < M; ++i) {
    double* row = C + i * N;
    if (b_transposed) {
      for (std::int64_t j = 0; j < N; ++j) {
        double s = 0.0;
        for (std::int64_t k = 0; k < K; ++k) s += A[i * K + k] * B[j * K + k];
        row[j] = s;
      }
    } else {
      for (std::int64_t j = 0; j < N; ++j) row[j] = 0.0;
      for (std::int64_t k = 0; k < K; ++k) {
        const double a = A[i * K + k];
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
  double* y = call.out("y");
  const double* bias = call.in("bias");
  gemm_oracle(call.in("x"), call.in("weight"), y, M, N, call.size("K"), true);
  for (std::int64_t i = 0; i < M; ++i)
    for (std::int64_t j = 0; j < N; ++j) y[i * N + j] += bias[j];
}

KBENCH_ORACLE("matmul/matvec") {
  const double* A = call.in("A");
  const double* x = call.in("x");
  double* y = call.out("y");
  const std::int64_t M = call.size("M"), K = call.size("K");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < M; ++i) {
    double s = 0.0;
    for (std::int64_t k = 0; k < K; ++k) s += A[i * K + k] * x[k];
    y[i] = s;
  }
}

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

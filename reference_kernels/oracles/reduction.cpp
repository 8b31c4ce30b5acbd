// Oracles (float64 truth, float32 honest variant) for the reduction category.
#include <algorithm>
#include <cmath>

#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("reduction/sum_rows") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    real s = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) s += x[r * cols + c];
    y[r] = s;
  }
}

KBENCH_ORACLE("reduction/max_cols") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t c = 0; c < cols; ++c) y[c] = x[c];
  for (std::int64_t r = 1; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) y[c] = std::max(y[c], x[r * cols + c]);
}

KBENCH_ORACLE("reduction/mean_dim1_f16") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t A = call.size("A"), B = call.size("B"), C = call.size("C");
  for (std::int64_t a = 0; a < A; ++a)
    for (std::int64_t c = 0; c < C; ++c) {
      real s = 0.0;
      for (std::int64_t b = 0; b < B; ++b) s += x[(a * B + b) * C + c];
      y[a * C + c] = s / static_cast<real>(B);
    }
}

KBENCH_ORACLE("reduction/l2_norm_rows") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r) {
    real s = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) s += x[r * cols + c] * x[r * cols + c];
    y[r] = std::sqrt(s);
  }
}

KBENCH_ORACLE("reduction/prod_rows") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r) {
    real p = 1.0;
    for (std::int64_t c = 0; c < cols; ++c) p *= x[r * cols + c];
    y[r] = p;
  }
}

KBENCH_ORACLE("reduction/var_rows") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    real mean = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) mean += xr[c];
    mean /= static_cast<real>(cols);
    real ss = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) ss += (xr[c] - mean) * (xr[c] - mean);
    y[r] = ss / static_cast<real>(cols - 1);
  }
}

KBENCH_ORACLE("reduction/sum_all_bf16") {
  const real* x = call.in("x");
  const std::int64_t n = call.size("n");
  real s = 0.0;
  for (std::int64_t i = 0; i < n; ++i) s += x[i];
  call.out("out")[0] = s;
}

KBENCH_ORACLE("reduction/logsumexp_rows") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    const real m = *std::max_element(xr, xr + cols);
    real s = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) s += std::exp(xr[c] - m);
    y[r] = m + std::log(s);
  }
}

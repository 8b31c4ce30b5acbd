// Float64 oracles for the normalization category.
#include <algorithm>
#include <cmath>

#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("normalization/softmax") {
  const double* x = call.in("x");
  double* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const double* xr = x + r * cols;
    double* yr = y + r * cols;
    double m = xr[0];
    for (std::int64_t c = 1; c < cols; ++c) m = std::max(m, xr[c]);
    double s = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) s += (yr[c] = std::exp(xr[c] - m));
    for (std::int64_t c = 0; c < cols; ++c) yr[c] /= s;
  }
}

KBENCH_ORACLE("normalization/layernorm") {
  const double* x = call.in("x");
  const double* gamma = call.in("gamma");
  const double* beta = call.in("beta");
  double* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  const double eps = call.scalar("eps");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const double* xr = x + r * cols;
    double mean = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) mean += xr[c];
    mean /= static_cast<double>(cols);
    double var = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) var += (xr[c] - mean) * (xr[c] - mean);
    var /= static_cast<double>(cols);
    const double inv = 1.0 / std::sqrt(var + eps);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = (xr[c] - mean) * inv * gamma[c] + beta[c];
  }
}

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

KBENCH_ORACLE("normalization/rmsnorm_f16") {
  const double* x = call.in("x");
  const double* w = call.in("weight");
  double* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  const double eps = call.scalar("eps");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const double* xr = x + r * cols;
    double ss = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) ss += xr[c] * xr[c];
    const double inv = 1.0 / std::sqrt(ss / static_cast<double>(cols) + eps);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = xr[c] * inv * w[c];
  }
}

KBENCH_ORACLE("normalization/layernorm_bf16") {
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

KBENCH_ORACLE("normalization/batchnorm_inference") {
  const double* x = call.in("x");
  const double* mean = call.in("running_mean");
  const double* var = call.in("running_var");
  const double* gamma = call.in("gamma");
  const double* beta = call.in("beta");
  double* y = call.out("y");
  const std::int64_t N = call.size("N"), C = call.size("C"), HW = call.size("H") * call.size("W");
  const double eps = call.scalar("eps");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t c = 0; c < C; ++c) {
      const double inv = 1.0 / std::sqrt(var[c] + eps);
      const std::int64_t base = (n * C + c) * HW;
      for (std::int64_t i = 0; i < HW; ++i) y[base + i] = (x[base + i] - mean[c]) * inv * gamma[c] + beta[c];
    }
}

KBENCH_ORACLE("normalization/groupnorm") {
  const double* x = call.in("x");
  const double* gamma = call.in("gamma");
  const double* beta = call.in("beta");
  double* y = call.out("y");
  const std::int64_t N = call.size("N"), C = call.size("C"), G = call.size("G");
  const std::int64_t HW = call.size("H") * call.size("W"), Cg = C / G, len = Cg * HW;
  const double eps = call.scalar("eps");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t g = 0; g < G; ++g) {
      const std::int64_t base = (n * C + g * Cg) * HW;
      double mean = 0.0;
      for (std::int64_t i = 0; i < len; ++i) mean += x[base + i];
      mean /= static_cast<double>(len);
      double var = 0.0;
      for (std::int64_t i = 0; i < len; ++i) var += (x[base + i] - mean) * (x[base + i] - mean);
      var /= static_cast<double>(len);
      const double inv = 1.0 / std::sqrt(var + eps);
      for (std::int64_t i = 0; i < len; ++i) {
        const std::int64_t c = g * Cg + i / HW;
        y[base + i] = (x[base + i] - mean) * inv * gamma[c] + beta[c];
      }
    }
}

KBENCH_ORACLE("normalization/instancenorm") {
  const double* x = call.in("x");
  double* y = call.out("y");
  const std::int64_t planes = call.size("N") * call.size("C"), HW = call.size("H") * call.size("W");
  const double eps = call.scalar("eps");
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < planes; ++p) {
    const double* xp = x + p * HW;
    double mean = 0.0;
    for (std::int64_t i = 0; i < HW; ++i) mean += xp[i];
    mean /= static_cast<double>(HW);
    double var = 0.0;
    for (std::int64_t i = 0; i < HW; ++i) var += (xp[i] - mean) * (xp[i] - mean);
    var /= static_cast<double>(HW);
    const double inv = 1.0 / std::sqrt(var + eps);
    for (std::int64_t i = 0; i < HW; ++i) y[p * HW + i] = (xp[i] - mean) * inv;
  }
}

KBENCH_ORACLE("normalization/log_softmax") {
  const double* x = call.in("x");
  double* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const double* xr = x + r * cols;
    double m = xr[0];
    for (std::int64_t c = 1; c < cols; ++c) m = std::max(m, xr[c]);
    double s = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) s += std::exp(xr[c] - m);
    const double lse = m + std::log(s);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = xr[c] - lse;
  }
}

KBENCH_ORACLE("normalization/l2_normalize") {
  const double* x = call.in("x");
  double* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  const double eps = call.scalar("eps");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const double* xr = x + r * cols;
    double ss = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) ss += xr[c] * xr[c];
    const double denom = std::max(std::sqrt(ss), eps);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = xr[c] / denom;
  }
}

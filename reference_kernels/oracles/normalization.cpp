// Oracles (float64 truth, float32 honest variant) for the normalization category.
#include <algorithm>
#include <cmath>

#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("normalization/softmax") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    real* yr = y + r * cols;
    real m = xr[0];
    for (std::int64_t c = 1; c < cols; ++c) m = std::max(m, xr[c]);
    real s = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) s += (yr[c] = std::exp(xr[c] - m));
    for (std::int64_t c = 0; c < cols; ++c) yr[c] /= s;
  }
}

KBENCH_ORACLE("normalization/layernorm") {
  const real* x = call.in("x");
  const real* gamma = call.in("gamma");
  const real* beta = call.in("beta");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  const real eps = call.scalar("eps");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    real mean = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) mean += xr[c];
    mean /= static_cast<real>(cols);
    real var = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) var += (xr[c] - mean) * (xr[c] - mean);
    var /= static_cast<real>(cols);
    const real inv = 1.0 / std::sqrt(var + eps);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = (xr[c] - mean) * inv * gamma[c] + beta[c];
  }
}

KBENCH_ORACLE("normalization/rmsnorm_f16") {
  const real* x = call.in("x");
  const real* w = call.in("weight");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  const real eps = call.scalar("eps");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    real ss = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) ss += xr[c] * xr[c];
    const real inv = 1.0 / std::sqrt(ss / static_cast<real>(cols) + eps);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = xr[c] * inv * w[c];
  }
}

KBENCH_ORACLE("normalization/layernorm_bf16") {
  const real* x = call.in("x");
  const real* gamma = call.in("gamma");
  const real* beta = call.in("beta");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  const real eps = call.scalar("eps");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    real mean = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) mean += xr[c];
    mean /= static_cast<real>(cols);
    real var = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) var += (xr[c] - mean) * (xr[c] - mean);
    var /= static_cast<real>(cols);
    const real inv = 1.0 / std::sqrt(var + eps);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = (xr[c] - mean) * inv * gamma[c] + beta[c];
  }
}

KBENCH_ORACLE("normalization/batchnorm_inference") {
  const real* x = call.in("x");
  const real* mean = call.in("running_mean");
  const real* var = call.in("running_var");
  const real* gamma = call.in("gamma");
  const real* beta = call.in("beta");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), C = call.size("C"), HW = call.size("H") * call.size("W");
  const real eps = call.scalar("eps");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t c = 0; c < C; ++c) {
      const real inv = 1.0 / std::sqrt(var[c] + eps);
      const std::int64_t base = (n * C + c) * HW;
      for (std::int64_t i = 0; i < HW; ++i) y[base + i] = (x[base + i] - mean[c]) * inv * gamma[c] + beta[c];
    }
}

KBENCH_ORACLE("normalization/groupnorm") {
  const real* x = call.in("x");
  const real* gamma = call.in("gamma");
  const real* beta = call.in("beta");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), C = call.size("C"), G = call.size("G");
  const std::int64_t HW = call.size("H") * call.size("W"), Cg = C / G, len = Cg * HW;
  const real eps = call.scalar("eps");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t g = 0; g < G; ++g) {
      const std::int64_t base = (n * C + g * Cg) * HW;
      real mean = 0.0;
      for (std::int64_t i = 0; i < len; ++i) mean += x[base + i];
      mean /= static_cast<real>(len);
      real var = 0.0;
      for (std::int64_t i = 0; i < len; ++i) var += (x[base + i] - mean) * (x[base + i] - mean);
      var /= static_cast<real>(len);
      const real inv = 1.0 / std::sqrt(var + eps);
      for (std::int64_t i = 0; i < len; ++i) {
        const std::int64_t c = g * Cg + i / HW;
        y[base + i] = (x[base + i] - mean) * inv * gamma[c] + beta[c];
      }
    }
}

KBENCH_ORACLE("normalization/instancenorm") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t planes = call.size("N") * call.size("C"), HW = call.size("H") * call.size("W");
  const real eps = call.scalar("eps");
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < planes; ++p) {
    const real* xp = x + p * HW;
    real mean = 0.0;
    for (std::int64_t i = 0; i < HW; ++i) mean += xp[i];
    mean /= static_cast<real>(HW);
    real var = 0.0;
    for (std::int64_t i = 0; i < HW; ++i) var += (xp[i] - mean) * (xp[i] - mean);
    var /= static_cast<real>(HW);
    const real inv = 1.0 / std::sqrt(var + eps);
    for (std::int64_t i = 0; i < HW; ++i) y[p * HW + i] = (xp[i] - mean) * inv;
  }
}

KBENCH_ORACLE("normalization/log_softmax") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    real m = xr[0];
    for (std::int64_t c = 1; c < cols; ++c) m = std::max(m, xr[c]);
    real s = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) s += std::exp(xr[c] - m);
    const real lse = m + std::log(s);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = xr[c] - lse;
  }
}

KBENCH_ORACLE("normalization/l2_normalize") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  const real eps = call.scalar("eps");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    real ss = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) ss += xr[c] * xr[c];
    const real denom = std::max(std::sqrt(ss), eps);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = xr[c] / denom;
  }
}

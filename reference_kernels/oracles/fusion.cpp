// Oracles (float64 truth, float32 honest variant) for the fusion category (level 2: GEMM/conv with epilogues, fused normalizations, masked softmax).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "reference_kernels/oracles/oracle.hpp"

namespace {
// z[m, n] = sum over k of x[m, k] * w[n, k] (+ b[n] when b is given): the nn.Linear product.
template <class real>
std::vector<real> linear(const real* x, const real* w, const real* b, std::int64_t M, std::int64_t N,
                           std::int64_t K) {
  std::vector<real> z(static_cast<std::size_t>(M * N));
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t m = 0; m < M; ++m)
    for (std::int64_t n = 0; n < N; ++n) {
      real s = b ? b[n] : 0.0;
      for (std::int64_t k = 0; k < K; ++k) s += x[m * K + k] * w[n * K + k];
      z[m * N + n] = s;
    }
  return z;
}
template <class real>
real gelu(real v) { return 0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0))); }
template <class real>
real sigmoid(real v) { return 1.0 / (1.0 + std::exp(-v)); }
}  // namespace

KBENCH_ORACLE("fusion/gemm_bias_gelu") {
  const std::int64_t M = call.size("M"), N = call.size("N"), K = call.size("K");
  const auto z = linear<real>(call.in("x"), call.in("w"), call.in("b"), M, N, K);
  real* y = call.out("y");
  for (std::int64_t i = 0; i < M * N; ++i) y[i] = gelu(z[i]);
}

KBENCH_ORACLE("fusion/gemm_bias_relu_f16") {
  const std::int64_t M = call.size("M"), N = call.size("N"), K = call.size("K");
  const auto z = linear<real>(call.in("x"), call.in("w"), call.in("b"), M, N, K);
  real* y = call.out("y");
  for (std::int64_t i = 0; i < M * N; ++i) y[i] = std::max<real>(z[i], 0.0);
}

KBENCH_ORACLE("fusion/gemm_sigmoid_rowsum") {
  const std::int64_t M = call.size("M"), N = call.size("N"), K = call.size("K");
  const auto z = linear<real>(call.in("x"), call.in("w"), call.in("b"), M, N, K);
  real* y = call.out("y");
  for (std::int64_t m = 0; m < M; ++m) {
    real s = 0.0;
    for (std::int64_t n = 0; n < N; ++n) s += sigmoid(z[m * N + n]);
    y[m] = s;
  }
}

KBENCH_ORACLE("fusion/matmul_scale_residual") {
  const real* A = call.in("A");
  const real* B = call.in("B");
  const real* R = call.in("R");
  real* y = call.out("y");
  const std::int64_t M = call.size("M"), N = call.size("N"), K = call.size("K");
  const real alpha = call.scalar("alpha");
#pragma omp parallel for schedule(static)
  for (std::int64_t m = 0; m < M; ++m) {
    std::vector<real> acc(static_cast<std::size_t>(N), 0.0);
    for (std::int64_t k = 0; k < K; ++k)
      for (std::int64_t n = 0; n < N; ++n) acc[n] += A[m * K + k] * B[k * N + n];
    for (std::int64_t n = 0; n < N; ++n) y[m * N + n] = alpha * acc[n] + R[m * N + n];
  }
}

KBENCH_ORACLE("fusion/conv2d_bn_relu") {
  const real* x = call.in("x");
  const real* w = call.in("w");
  const real* gamma = call.in("gamma");
  const real* beta = call.in("beta");
  const real* mean = call.in("mean");
  const real* var = call.in("var");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), Cin = call.size("Cin"), H = call.size("H"), W = call.size("W");
  const std::int64_t Cout = call.size("Cout"), KS = call.size("KS"), P = call.size("P");
  const std::int64_t OH = call.size("OH"), OW = call.size("OW");
  const real eps = call.scalar("eps");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t o = 0; o < Cout; ++o) {
      const real inv = 1.0 / std::sqrt(var[o] + eps);
      for (std::int64_t oh = 0; oh < OH; ++oh)
        for (std::int64_t ow = 0; ow < OW; ++ow) {
          real z = 0.0;
          for (std::int64_t c = 0; c < Cin; ++c)
            for (std::int64_t i = 0; i < KS; ++i)
              for (std::int64_t j = 0; j < KS; ++j) {
                const std::int64_t h = oh + i - P, v = ow + j - P;
                if (h >= 0 && h < H && v >= 0 && v < W)
                  z += x[((n * Cin + c) * H + h) * W + v] * w[((o * Cin + c) * KS + i) * KS + j];
              }
          y[((n * Cout + o) * OH + oh) * OW + ow] = std::max<real>((z - mean[o]) * inv * gamma[o] + beta[o], 0.0);
        }
    }
}

KBENCH_ORACLE("fusion/add_layernorm_bf16") {
  const real* x = call.in("x");
  const real* r = call.in("r");
  const real* gamma = call.in("gamma");
  const real* beta = call.in("beta");
  real* h = call.out("h");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  const real eps = call.scalar("eps");
  for (std::int64_t i = 0; i < rows * cols; ++i) h[i] = x[i] + r[i];
  for (std::int64_t row = 0; row < rows; ++row) {
    const real* hr = h + row * cols;
    real mean = 0.0, var = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) mean += hr[c];
    mean /= static_cast<real>(cols);
    for (std::int64_t c = 0; c < cols; ++c) var += (hr[c] - mean) * (hr[c] - mean);
    var /= static_cast<real>(cols);
    const real inv = 1.0 / std::sqrt(var + eps);
    for (std::int64_t c = 0; c < cols; ++c) y[row * cols + c] = (hr[c] - mean) * inv * gamma[c] + beta[c];
  }
}

KBENCH_ORACLE("fusion/add_rmsnorm") {
  const real* x = call.in("x");
  const real* r = call.in("r");
  const real* w = call.in("w");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  const real eps = call.scalar("eps");
  for (std::int64_t row = 0; row < rows; ++row) {
    real ss = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) {
      const real v = x[row * cols + c] + r[row * cols + c];
      ss += v * v;
    }
    const real inv = 1.0 / std::sqrt(ss / static_cast<real>(cols) + eps);
    for (std::int64_t c = 0; c < cols; ++c) y[row * cols + c] = (x[row * cols + c] + r[row * cols + c]) * inv * w[c];
  }
}

KBENCH_ORACLE("fusion/causal_softmax_f16") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t batch = call.size("batch"), S = call.size("seq");
  const real scale = call.scalar("scale");
  for (std::int64_t b = 0; b < batch; ++b)
    for (std::int64_t i = 0; i < S; ++i) {
      const real* xr = x + (b * S + i) * S;
      real* yr = y + (b * S + i) * S;
      real m = scale * xr[0];
      for (std::int64_t j = 1; j <= i; ++j) m = std::max(m, scale * xr[j]);
      real s = 0.0;
      for (std::int64_t j = 0; j <= i; ++j) s += (yr[j] = std::exp(scale * xr[j] - m));
      for (std::int64_t j = 0; j <= i; ++j) yr[j] /= s;
      for (std::int64_t j = i + 1; j < S; ++j) yr[j] = 0.0;
    }
}

KBENCH_ORACLE("fusion/swiglu_bf16") {
  const real* x = call.in("x");
  const real* b = call.in("b");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), H = call.size("H");
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t j = 0; j < H; ++j) {
      const real g = x[r * 2 * H + j] + b[j], u = x[r * 2 * H + H + j] + b[H + j];
      y[r * H + j] = g * sigmoid(g) * u;
    }
}

KBENCH_ORACLE("fusion/subtract_col_mean") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  std::vector<real> mean(static_cast<std::size_t>(cols), 0.0);
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) mean[c] += x[r * cols + c];
  for (auto& m : mean) m /= static_cast<real>(rows);
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = x[r * cols + c] - mean[c];
}

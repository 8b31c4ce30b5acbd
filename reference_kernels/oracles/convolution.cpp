// Oracles (float64 truth, float32 honest variant) for the convolution category (direct loops, one (n, co) output plane per iteration).
#include "reference_kernels/oracles/oracle.hpp"

namespace {

// y[n,co] plane of a 2-D cross-correlation with stride S and zero padding P (shared by conv2d and conv2d_f16).
template <class real>
void conv2d_oracle(const kbench::OracleCallT<real>& call) {
  const real* x = call.in("x");
  const real* wt = call.in("weight");
  const real* bias = call.in("bias");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), Cin = call.size("Cin"), H = call.size("H"), W = call.size("W");
  const std::int64_t Cout = call.size("Cout"), K = call.size("K"), S = call.size("S"), P = call.size("P");
  const std::int64_t Ho = call.size("Ho"), Wo = call.size("Wo");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t co = 0; co < Cout; ++co)
      for (std::int64_t i = 0; i < Ho; ++i)
        for (std::int64_t j = 0; j < Wo; ++j) {
          real s = bias[co];
          for (std::int64_t ci = 0; ci < Cin; ++ci)
            for (std::int64_t a = 0; a < K; ++a)
              for (std::int64_t b = 0; b < K; ++b) {
                const std::int64_t h = i * S - P + a, w = j * S - P + b;
                if (h < 0 || h >= H || w < 0 || w >= W) continue;
                s += x[((n * Cin + ci) * H + h) * W + w] * wt[((co * Cin + ci) * K + a) * K + b];
              }
          y[((n * Cout + co) * Ho + i) * Wo + j] = s;
        }
}

}  // namespace

KBENCH_ORACLE("convolution/conv2d") { conv2d_oracle(call); }
KBENCH_ORACLE("convolution/conv2d_f16") { conv2d_oracle(call); }

KBENCH_ORACLE("convolution/conv1d") {
  const real* x = call.in("x");
  const real* wt = call.in("weight");
  const real* bias = call.in("bias");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), Cin = call.size("Cin"), L = call.size("L"), Cout = call.size("Cout");
  const std::int64_t K = call.size("K"), S = call.size("S"), P = call.size("P"), Lo = call.size("Lo");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t co = 0; co < Cout; ++co)
      for (std::int64_t o = 0; o < Lo; ++o) {
        real s = bias[co];
        for (std::int64_t ci = 0; ci < Cin; ++ci)
          for (std::int64_t k = 0; k < K; ++k) {
            const std::int64_t l = o * S - P + k;
            if (l >= 0 && l < L) s += x[(n * Cin + ci) * L + l] * wt[(co * Cin + ci) * K + k];
          }
        y[(n * Cout + co) * Lo + o] = s;
      }
}

KBENCH_ORACLE("convolution/depthwise_conv2d") {
  const real* x = call.in("x");
  const real* wt = call.in("weight");
  const real* bias = call.in("bias");
  real* y = call.out("y");
  const std::int64_t planes = call.size("N") * call.size("C"), C = call.size("C"), H = call.size("H"), W = call.size("W");
  const std::int64_t K = call.size("K"), S = call.size("S"), P = call.size("P");
  const std::int64_t Ho = call.size("Ho"), Wo = call.size("Wo");
#pragma omp parallel for schedule(static)
  for (std::int64_t p = 0; p < planes; ++p) {
    const std::int64_t c = p % C;
    for (std::int64_t i = 0; i < Ho; ++i)
      for (std::int64_t j = 0; j < Wo; ++j) {
        real s = bias[c];
        for (std::int64_t a = 0; a < K; ++a)
          for (std::int64_t b = 0; b < K; ++b) {
            const std::int64_t h = i * S - P + a, w = j * S - P + b;
            if (h >= 0 && h < H && w >= 0 && w < W) s += x[(p * H + h) * W + w] * wt[(c * K + a) * K + b];
          }
        y[(p * Ho + i) * Wo + j] = s;
      }
  }
}

KBENCH_ORACLE("convolution/pointwise_conv2d") {
  const real* x = call.in("x");
  const real* wt = call.in("weight");
  const real* bias = call.in("bias");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), Cin = call.size("Cin"), HW = call.size("H") * call.size("W");
  const std::int64_t Cout = call.size("Cout");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t co = 0; co < Cout; ++co) {
      real* yp = y + (n * Cout + co) * HW;
      for (std::int64_t i = 0; i < HW; ++i) yp[i] = bias[co];
      for (std::int64_t ci = 0; ci < Cin; ++ci) {
        const real wv = wt[co * Cin + ci];
        const real* xp = x + (n * Cin + ci) * HW;
        for (std::int64_t i = 0; i < HW; ++i) yp[i] += wv * xp[i];
      }
    }
}

KBENCH_ORACLE("convolution/conv_transpose2d") {
  const real* x = call.in("x");
  const real* wt = call.in("weight");
  const real* bias = call.in("bias");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), Cin = call.size("Cin"), H = call.size("H"), W = call.size("W");
  const std::int64_t Cout = call.size("Cout"), K = call.size("K"), S = call.size("S"), P = call.size("P");
  const std::int64_t Ho = call.size("Ho"), Wo = call.size("Wo");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t co = 0; co < Cout; ++co) {
      real* yp = y + (n * Cout + co) * Ho * Wo;
      for (std::int64_t i = 0; i < Ho * Wo; ++i) yp[i] = bias[co];
      for (std::int64_t ci = 0; ci < Cin; ++ci)
        for (std::int64_t h = 0; h < H; ++h)
          for (std::int64_t w = 0; w < W; ++w) {
            const real xv = x[((n * Cin + ci) * H + h) * W + w];
            for (std::int64_t a = 0; a < K; ++a)
              for (std::int64_t b = 0; b < K; ++b) {
                const std::int64_t oh = h * S - P + a, ow = w * S - P + b;
                if (oh >= 0 && oh < Ho && ow >= 0 && ow < Wo)
                  yp[oh * Wo + ow] += xv * wt[((ci * Cout + co) * K + a) * K + b];
              }
          }
    }
}

KBENCH_ORACLE("convolution/conv3d") {
  const real* x = call.in("x");
  const real* wt = call.in("weight");
  const real* bias = call.in("bias");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), Cin = call.size("Cin"), D = call.size("D"), H = call.size("H");
  const std::int64_t W = call.size("W"), Cout = call.size("Cout"), K = call.size("K"), S = call.size("S");
  const std::int64_t P = call.size("P"), Do = call.size("Do"), Ho = call.size("Ho"), Wo = call.size("Wo");
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t co = 0; co < Cout; ++co)
      for (std::int64_t d = 0; d < Do; ++d)
        for (std::int64_t i = 0; i < Ho; ++i)
          for (std::int64_t j = 0; j < Wo; ++j) {
            real s = bias[co];
            for (std::int64_t ci = 0; ci < Cin; ++ci)
              for (std::int64_t a = 0; a < K; ++a)
                for (std::int64_t b = 0; b < K; ++b)
                  for (std::int64_t e = 0; e < K; ++e) {
                    const std::int64_t z = d * S - P + a, h = i * S - P + b, w = j * S - P + e;
                    if (z < 0 || z >= D || h < 0 || h >= H || w < 0 || w >= W) continue;
                    s += x[(((n * Cin + ci) * D + z) * H + h) * W + w] * wt[(((co * Cin + ci) * K + a) * K + b) * K + e];
                  }
            y[(((n * Cout + co) * Do + d) * Ho + i) * Wo + j] = s;
          }
}

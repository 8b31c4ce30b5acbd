// Oracles (float64 truth, float32 honest variant) for the arch category (level 3: MLP, attention, encoder layer, conv block, RNN cells, MoE).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "reference_kernels/oracles/oracle.hpp"

namespace {
template <class real>
using Vec = std::vector<real>;

// z[m, n] = sum over k of x[m, k] * w[n, k] (+ b[n]): the nn.Linear product, x [M, K], w [N, K].
template <class real>
Vec<real> linear(const real* x, const real* w, const real* b, std::int64_t M, std::int64_t N, std::int64_t K) {
  Vec<real> z(static_cast<std::size_t>(M * N));
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

// Row-wise layer norm of x [rows, cols] into y (biased variance).
template <class real>
void layernorm(const real* x, const real* g, const real* b, real* y, std::int64_t rows, std::int64_t cols,
               real eps) {
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    real mean = 0.0, var = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) mean += xr[c];
    mean /= static_cast<real>(cols);
    for (std::int64_t c = 0; c < cols; ++c) var += (xr[c] - mean) * (xr[c] - mean);
    var /= static_cast<real>(cols);
    const real inv = 1.0 / std::sqrt(var + eps);
    for (std::int64_t c = 0; c < cols; ++c) y[r * cols + c] = (xr[c] - mean) * inv * g[c] + b[c];
  }
}

// Multi-head self-attention (no mask) of x [B, S, D]: returns O * wo^T + bo, [B*S, D].
template <class real>
Vec<real> self_attention(const real* x, const real* wqkv, const real* bqkv, const real* wo, const real* bo,
                   std::int64_t B, std::int64_t S, std::int64_t D, std::int64_t H) {
  if (H < 1 || D % H != 0) throw std::invalid_argument("attention: D must be a multiple of H");
  const std::int64_t Dh = D / H, T = B * S;
  const Vec<real> qkv = linear<real>(x, wqkv, bqkv, T, 3 * D, D);
  Vec<real> o(static_cast<std::size_t>(T * D));
  const real scale = 1.0 / std::sqrt(static_cast<real>(Dh));
#pragma omp parallel for collapse(3) schedule(static)
  for (std::int64_t b = 0; b < B; ++b)
    for (std::int64_t h = 0; h < H; ++h)
      for (std::int64_t i = 0; i < S; ++i) {
        const real* q = qkv.data() + (b * S + i) * 3 * D + h * Dh;
        Vec<real> p(static_cast<std::size_t>(S));
        real m = -INFINITY;
        for (std::int64_t j = 0; j < S; ++j) {
          const real* k = qkv.data() + (b * S + j) * 3 * D + D + h * Dh;
          real s = 0.0;
          for (std::int64_t d = 0; d < Dh; ++d) s += q[d] * k[d];
          p[j] = s * scale;
          m = std::max(m, p[j]);
        }
        real sum = 0.0;
        for (std::int64_t j = 0; j < S; ++j) sum += (p[j] = std::exp(p[j] - m));
        for (std::int64_t d = 0; d < Dh; ++d) {
          real acc = 0.0;
          for (std::int64_t j = 0; j < S; ++j) acc += p[j] * qkv[(b * S + j) * 3 * D + 2 * D + h * Dh + d];
          o[(b * S + i) * D + h * Dh + d] = acc / sum;
        }
      }
  return linear(o.data(), wo, bo, T, D, D);
}

// Inference batch norm per channel of z [N, C, HW] in place.
template <class real>
void batchnorm(real* z, const real* g, const real* b, const real* mean, const real* var, std::int64_t N,
               std::int64_t C, std::int64_t HW, real eps) {
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t c = 0; c < C; ++c) {
      const real inv = 1.0 / std::sqrt(var[c] + eps);
      for (std::int64_t p = 0; p < HW; ++p) {
        real& v = z[(n * C + c) * HW + p];
        v = (v - mean[c]) * inv * g[c] + b[c];
      }
    }
}

// 3x3 convolution, stride 1, zero padding 1, C -> C channels, no bias.
template <class real>
Vec<real> conv3x3(const real* x, const real* w, std::int64_t N, std::int64_t C, std::int64_t H, std::int64_t W) {
  Vec<real> z(static_cast<std::size_t>(N * C * H * W), 0.0);
#pragma omp parallel for collapse(2) schedule(static)
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t o = 0; o < C; ++o)
      for (std::int64_t h = 0; h < H; ++h)
        for (std::int64_t v = 0; v < W; ++v) {
          real s = 0.0;
          for (std::int64_t c = 0; c < C; ++c)
            for (std::int64_t i = 0; i < 3; ++i)
              for (std::int64_t j = 0; j < 3; ++j) {
                const std::int64_t hh = h + i - 1, vv = v + j - 1;
                if (hh >= 0 && hh < H && vv >= 0 && vv < W)
                  s += x[((n * C + c) * H + hh) * W + vv] * w[((o * C + c) * 3 + i) * 3 + j];
              }
          z[((n * C + o) * H + h) * W + v] = s;
        }
  return z;
}
}  // namespace

KBENCH_ORACLE("arch/mlp_block") {
  const std::int64_t M = call.size("M"), D = call.size("D"), F = call.size("F");
  Vec<real> h = linear<real>(call.in("x"), call.in("w1"), call.in("b1"), M, F, D);
  for (auto& v : h) v = gelu(v);
  const Vec<real> y = linear<real>(h.data(), call.in("w2"), call.in("b2"), M, D, F);
  std::copy(y.begin(), y.end(), call.out("y"));
}

KBENCH_ORACLE("arch/attention_block") {
  const Vec<real> y = self_attention(call.in("x"), call.in("wqkv"), call.in("bqkv"), call.in("wo"), call.in("bo"),
                               call.size("B"), call.size("S"), call.size("D"), call.size("H"));
  std::copy(y.begin(), y.end(), call.out("y"));
}

KBENCH_ORACLE("arch/encoder_layer") {
  const std::int64_t B = call.size("B"), S = call.size("S"), D = call.size("D"), F = call.size("F"), T = B * S;
  const real eps = call.scalar("eps");
  const real* x = call.in("x");
  Vec<real> a = self_attention(x, call.in("wqkv"), call.in("bqkv"), call.in("wo"), call.in("bo"), B, S, D, call.size("H"));
  for (std::int64_t i = 0; i < T * D; ++i) a[i] += x[i];
  Vec<real> h(static_cast<std::size_t>(T * D));
  layernorm(a.data(), call.in("ln1_g"), call.in("ln1_b"), h.data(), T, D, eps);
  Vec<real> f1 = linear<real>(h.data(), call.in("w1"), call.in("b1"), T, F, D);
  for (auto& v : f1) v = gelu(v);
  Vec<real> f2 = linear<real>(f1.data(), call.in("w2"), call.in("b2"), T, D, F);
  for (std::int64_t i = 0; i < T * D; ++i) f2[i] += h[i];
  layernorm(f2.data(), call.in("ln2_g"), call.in("ln2_b"), call.out("y"), T, D, eps);
}

KBENCH_ORACLE("arch/conv_block") {
  const std::int64_t N = call.size("N"), C = call.size("C"), H = call.size("H"), W = call.size("W");
  const real eps = call.scalar("eps");
  const real* x = call.in("x");
  Vec<real> t = conv3x3(x, call.in("w1"), N, C, H, W);
  batchnorm(t.data(), call.in("bn1_gamma"), call.in("bn1_beta"), call.in("bn1_mean"), call.in("bn1_var"), N, C, H * W, eps);
  for (auto& v : t) v = std::max<real>(v, 0.0);
  Vec<real> z = conv3x3(t.data(), call.in("w2"), N, C, H, W);
  batchnorm(z.data(), call.in("bn2_gamma"), call.in("bn2_beta"), call.in("bn2_mean"), call.in("bn2_var"), N, C, H * W, eps);
  real* y = call.out("y");
  for (std::int64_t i = 0; i < N * C * H * W; ++i) y[i] = std::max<real>(z[i] + x[i], 0.0);
}

KBENCH_ORACLE("arch/gru_cell") {
  const std::int64_t B = call.size("B"), I = call.size("I"), Hd = call.size("Hd");
  const real* h = call.in("h");
  const Vec<real> gi = linear<real>(call.in("x"), call.in("w_ih"), call.in("b_ih"), B, 3 * Hd, I);
  const Vec<real> gh = linear<real>(h, call.in("w_hh"), call.in("b_hh"), B, 3 * Hd, Hd);
  real* out = call.out("h_new");
  for (std::int64_t b = 0; b < B; ++b)
    for (std::int64_t j = 0; j < Hd; ++j) {
      const std::int64_t base = b * 3 * Hd;
      const real r = sigmoid(gi[base + j] + gh[base + j]);
      const real z = sigmoid(gi[base + Hd + j] + gh[base + Hd + j]);
      const real n = std::tanh(gi[base + 2 * Hd + j] + r * gh[base + 2 * Hd + j]);
      out[b * Hd + j] = (1.0 - z) * n + z * h[b * Hd + j];
    }
}

KBENCH_ORACLE("arch/lstm_cell") {
  const std::int64_t B = call.size("B"), I = call.size("I"), Hd = call.size("Hd");
  const real* c = call.in("c");
  const Vec<real> gi = linear<real>(call.in("x"), call.in("w_ih"), call.in("b_ih"), B, 4 * Hd, I);
  const Vec<real> gh = linear<real>(call.in("h"), call.in("w_hh"), call.in("b_hh"), B, 4 * Hd, Hd);
  real* h_new = call.out("h_new");
  real* c_new = call.out("c_new");
  for (std::int64_t b = 0; b < B; ++b)
    for (std::int64_t j = 0; j < Hd; ++j) {
      auto gate = [&](std::int64_t q) { return gi[b * 4 * Hd + q * Hd + j] + gh[b * 4 * Hd + q * Hd + j]; };
      const real i = sigmoid(gate(0)), f = sigmoid(gate(1)), g = std::tanh(gate(2)), o = sigmoid(gate(3));
      const real cn = f * c[b * Hd + j] + i * g;
      c_new[b * Hd + j] = cn;
      h_new[b * Hd + j] = o * std::tanh(cn);
    }
}

KBENCH_ORACLE("arch/rnn_tanh_seq") {
  const std::int64_t T = call.size("T"), B = call.size("B"), I = call.size("I"), Hd = call.size("Hd");
  const Vec<real> xp = linear<real>(call.in("x"), call.in("w_ih"), call.in("b_ih"), T * B, Hd, I);
  real* y = call.out("y");
  const real* prev = call.in("h0");
  for (std::int64_t t = 0; t < T; ++t) {
    const Vec<real> hp = linear<real>(prev, call.in("w_hh"), call.in("b_hh"), B, Hd, Hd);
    for (std::int64_t i = 0; i < B * Hd; ++i) y[t * B * Hd + i] = std::tanh(xp[t * B * Hd + i] + hp[i]);
    prev = y + t * B * Hd;
  }
}

KBENCH_ORACLE("arch/moe_top2") {
  const std::int64_t T = call.size("T"), D = call.size("D"), F = call.size("F"), E = call.size("E");
  if (E < 2) throw std::invalid_argument("moe_top2 needs E >= 2");
  const real* x = call.in("x");
  const real* w1 = call.in("w1");
  const real* w2 = call.in("w2");
  const Vec<real> logits = linear<real>(x, call.in("wg"), nullptr, T, E, D);
  real* y = call.out("y");
#pragma omp parallel for schedule(static)
  for (std::int64_t t = 0; t < T; ++t) {
    const real* l = logits.data() + t * E;
    std::int64_t e1 = 0;
    for (std::int64_t e = 1; e < E; ++e)
      if (l[e] > l[e1]) e1 = e;
    std::int64_t e2 = e1 == 0 ? 1 : 0;
    for (std::int64_t e = 0; e < E; ++e)
      if (e != e1 && l[e] > l[e2]) e2 = e;
    const real g1 = 1.0 / (1.0 + std::exp(l[e2] - l[e1])), g2 = 1.0 - g1;
    const real* xt = x + t * D;
    std::vector<real> hid(static_cast<std::size_t>(F));
    for (std::int64_t d = 0; d < D; ++d) y[t * D + d] = 0.0;
    for (const auto& [e, g] : {std::pair{e1, g1}, std::pair{e2, g2}}) {
      for (std::int64_t f = 0; f < F; ++f) {
        real s = 0.0;
        for (std::int64_t d = 0; d < D; ++d) s += w1[(e * F + f) * D + d] * xt[d];
        hid[f] = std::max<real>(s, 0.0);
      }
      for (std::int64_t d = 0; d < D; ++d) {
        real s = 0.0;
        for (std::int64_t f = 0; f < F; ++f) s += w2[(e * D + d) * F + f] * hid[f];
        y[t * D + d] += g * s;
      }
    }
  }
}

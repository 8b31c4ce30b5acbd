// Oracles (float64 truth, float32 honest variant) for the layout category (transposes, resizes, padding, concatenation, pixel shuffle).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("layout/transpose_2d") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) y[c * rows + r] = x[r * cols + c];
}

KBENCH_ORACLE("layout/nchw_to_nhwc_f16") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), C = call.size("C"), H = call.size("H"), W = call.size("W");
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t c = 0; c < C; ++c)
      for (std::int64_t h = 0; h < H; ++h)
        for (std::int64_t w = 0; w < W; ++w) y[((n * H + h) * W + w) * C + c] = x[((n * C + c) * H + h) * W + w];
}

KBENCH_ORACLE("layout/upsample_bilinear") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t NC = call.size("N") * call.size("C"), H = call.size("H"), W = call.size("W");
  const std::int64_t OH = call.size("OH"), OW = call.size("OW");
  // Source coordinate, lower neighbour, upper neighbour and weight of the upper one along one axis.
  auto axis = [](std::int64_t o, std::int64_t in, std::int64_t out, std::int64_t& i0, std::int64_t& i1, real& l) {
    const real src = std::max<real>((static_cast<real>(o) + 0.5) * static_cast<real>(in) / static_cast<real>(out) - 0.5, 0.0);
    i0 = std::min(static_cast<std::int64_t>(std::floor(src)), in - 1);
    i1 = std::min(i0 + 1, in - 1);
    l = src - static_cast<real>(i0);
  };
  for (std::int64_t p = 0; p < NC; ++p) {
    const real* xp = x + p * H * W;
    for (std::int64_t oh = 0; oh < OH; ++oh) {
      std::int64_t h0, h1;
      real lh;
      axis(oh, H, OH, h0, h1, lh);
      for (std::int64_t ow = 0; ow < OW; ++ow) {
        std::int64_t w0, w1;
        real lw;
        axis(ow, W, OW, w0, w1, lw);
        y[(p * OH + oh) * OW + ow] = (1 - lh) * ((1 - lw) * xp[h0 * W + w0] + lw * xp[h0 * W + w1]) +
                                     lh * ((1 - lw) * xp[h1 * W + w0] + lw * xp[h1 * W + w1]);
      }
    }
  }
}

KBENCH_ORACLE("layout/upsample_nearest_bf16") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t NC = call.size("N") * call.size("C"), H = call.size("H"), W = call.size("W");
  const std::int64_t OH = call.size("OH"), OW = call.size("OW");
  for (std::int64_t p = 0; p < NC; ++p)
    for (std::int64_t oh = 0; oh < OH; ++oh)
      for (std::int64_t ow = 0; ow < OW; ++ow)
        y[(p * OH + oh) * OW + ow] = x[(p * H + oh * H / OH) * W + ow * W / OW];
}

KBENCH_ORACLE("layout/pad_constant_2d") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t NC = call.size("N") * call.size("C"), H = call.size("H"), W = call.size("W");
  const std::int64_t pt = call.size("pt"), pl = call.size("pl"), OH = call.size("OH"), OW = call.size("OW");
  const real value = call.scalar("value");
  for (std::int64_t p = 0; p < NC; ++p)
    for (std::int64_t oh = 0; oh < OH; ++oh)
      for (std::int64_t ow = 0; ow < OW; ++ow) {
        const std::int64_t h = oh - pt, w = ow - pl;
        y[(p * OH + oh) * OW + ow] = (h >= 0 && h < H && w >= 0 && w < W) ? x[(p * H + h) * W + w] : value;
      }
}

KBENCH_ORACLE("layout/reflect_pad_2d") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t NC = call.size("N") * call.size("C"), H = call.size("H"), W = call.size("W");
  const std::int64_t P = call.size("P"), OH = call.size("OH"), OW = call.size("OW");
  if (P >= H || P >= W) throw std::invalid_argument("reflect_pad_2d needs P < H and P < W");
  auto reflect = [](std::int64_t i, std::int64_t S) { return i < 0 ? -i : (i >= S ? 2 * (S - 1) - i : i); };
  for (std::int64_t p = 0; p < NC; ++p)
    for (std::int64_t oh = 0; oh < OH; ++oh)
      for (std::int64_t ow = 0; ow < OW; ++ow)
        y[(p * OH + oh) * OW + ow] = x[(p * H + reflect(oh - P, H)) * W + reflect(ow - P, W)];
}

KBENCH_ORACLE("layout/concat_channels_f16") {
  const real* a = call.in("a");
  const real* b = call.in("b");
  real* y = call.out("y");
  const std::int64_t B = call.size("B"), Ca = call.size("Ca"), Cb = call.size("Cb"), L = call.size("L");
  const std::int64_t C = Ca + Cb;
  for (std::int64_t i = 0; i < B; ++i)
    for (std::int64_t c = 0; c < C; ++c)
      for (std::int64_t l = 0; l < L; ++l)
        y[(i * C + c) * L + l] = c < Ca ? a[(i * Ca + c) * L + l] : b[(i * Cb + (c - Ca)) * L + l];
}

KBENCH_ORACLE("layout/pixel_shuffle") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t N = call.size("N"), C = call.size("C"), H = call.size("H"), W = call.size("W"), r = call.size("r");
  const std::int64_t OH = H * r, OW = W * r;
  for (std::int64_t n = 0; n < N; ++n)
    for (std::int64_t c = 0; c < C; ++c)
      for (std::int64_t oh = 0; oh < OH; ++oh)
        for (std::int64_t ow = 0; ow < OW; ++ow) {
          const std::int64_t ic = c * r * r + (oh % r) * r + (ow % r);
          y[((n * C + c) * OH + oh) * OW + ow] = x[((n * C * r * r + ic) * H + oh / r) * W + ow / r];
        }
}

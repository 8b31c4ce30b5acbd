// CPU reference for arch/conv_block: two direct 3x3 convolutions (whole output rows accumulated at unit stride),
// each followed by folded batch norm; ReLU in between, residual add and ReLU at the end.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

// out = bn(conv3x3(in, w)) (+ residual) then ReLU, NCHW, C -> C channels, padding 1.
static void conv3x3_bn(const float* in, const float* w, const float* g, const float* beta, const float* mean,
                       const float* var, const float* residual, float* out, int64_t N, int64_t C, int64_t H, int64_t W,
                       float eps) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t n = 0; n < N; ++n)
    for (int64_t o = 0; o < C; ++o) {
      const float scale = g[o] / std::sqrt(var[o] + eps), shift = beta[o] - mean[o] * scale;
      std::vector<float> acc(static_cast<size_t>(W));
      for (int64_t h = 0; h < H; ++h) {
        std::fill(acc.begin(), acc.end(), 0.0f);
        for (int64_t c = 0; c < C; ++c)
          for (int64_t i = 0; i < 3; ++i) {
            const int64_t hh = h + i - 1;
            if (hh < 0 || hh >= H) continue;
            const float* xr = in + ((n * C + c) * H + hh) * W;
            for (int64_t j = 0; j < 3; ++j) {
              const float wv = w[((o * C + c) * 3 + i) * 3 + j];
              const int64_t lo = j == 0 ? 1 : 0, hi = j == 2 ? W - 1 : W;  // keep v + j - 1 inside [0, W)
              for (int64_t v = lo; v < hi; ++v) acc[v] += wv * xr[v + j - 1];
            }
          }
        const int64_t row = ((n * C + o) * H + h) * W;
        for (int64_t v = 0; v < W; ++v) {
          float r = acc[v] * scale + shift + (residual ? residual[row + v] : 0.0f);
          out[row + v] = r > 0.0f ? r : 0.0f;
        }
      }
    }
}

extern "C" void solve(const float* x, const float* w1, const float* bn1_gamma, const float* bn1_beta,
                      const float* bn1_mean, const float* bn1_var, const float* w2, const float* bn2_gamma,
                      const float* bn2_beta, const float* bn2_mean, const float* bn2_var, float* y, int64_t N,
                      int64_t C, int64_t H, int64_t W, float eps) {
  std::vector<float> t(static_cast<size_t>(N * C * H * W));
  conv3x3_bn(x, w1, bn1_gamma, bn1_beta, bn1_mean, bn1_var, nullptr, t.data(), N, C, H, W, eps);
  conv3x3_bn(t.data(), w2, bn2_gamma, bn2_beta, bn2_mean, bn2_var, x, y, N, C, H, W, eps);
}

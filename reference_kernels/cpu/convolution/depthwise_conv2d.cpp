// CPU reference for convolution/depthwise_conv2d: per (n, c) plane, direct KxK convolution with that
// channel's filter.
#include <cstdint>

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t N, int64_t C,
                      int64_t H, int64_t W, int64_t K, int64_t S, int64_t P, int64_t Ho, int64_t Wo) {
  const int64_t planes = N * C;
#pragma omp parallel for schedule(static)
  for (int64_t p = 0; p < planes; ++p) {
    const int64_t c = p % C;
    const float* xp = x + p * H * W;
    const float* wc = weight + c * K * K;
    for (int64_t i = 0; i < Ho; ++i)
      for (int64_t j = 0; j < Wo; ++j) {
        float s = bias[c];
        for (int64_t a = 0; a < K; ++a) {
          const int64_t h = i * S - P + a;
          if (h < 0 || h >= H) continue;
          for (int64_t b = 0; b < K; ++b) {
            const int64_t w = j * S - P + b;
            if (w >= 0 && w < W) s += xp[h * W + w] * wc[a * K + b];
          }
        }
        y[(p * Ho + i) * Wo + j] = s;
      }
  }
}

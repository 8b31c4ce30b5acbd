// CPU reference for pooling/adaptive_avgpool2d: per output cell, mean over its [floor, ceil) bin.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t Ho, int64_t Wo) {
  const int64_t planes = N * C;
#pragma omp parallel for schedule(static)
  for (int64_t p = 0; p < planes; ++p) {
    const float* xp = x + p * H * W;
    for (int64_t i = 0; i < Ho; ++i) {
      const int64_t h0 = i * H / Ho, h1 = ((i + 1) * H + Ho - 1) / Ho;
      for (int64_t j = 0; j < Wo; ++j) {
        const int64_t w0 = j * W / Wo, w1 = ((j + 1) * W + Wo - 1) / Wo;
        float s = 0.0f;
        for (int64_t h = h0; h < h1; ++h)
          for (int64_t w = w0; w < w1; ++w) s += xp[h * W + w];
        y[(p * Ho + i) * Wo + j] = s / static_cast<float>((h1 - h0) * (w1 - w0));
      }
    }
  }
}

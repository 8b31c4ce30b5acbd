// CPU reference for pooling/avgpool2d: per output element, mean over the in-bounds part of the KxK window.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t K, int64_t S,
                      int64_t P, int64_t Ho, int64_t Wo) {
  const int64_t planes = N * C;
#pragma omp parallel for schedule(static)
  for (int64_t p = 0; p < planes; ++p) {
    const float* xp = x + p * H * W;
    for (int64_t i = 0; i < Ho; ++i)
      for (int64_t j = 0; j < Wo; ++j) {
        float s = 0.0f;
        int count = 0;
        for (int64_t a = 0; a < K; ++a) {
          const int64_t h = i * S - P + a;
          if (h < 0 || h >= H) continue;
          for (int64_t b = 0; b < K; ++b) {
            const int64_t w = j * S - P + b;
            if (w < 0 || w >= W) continue;
            s += xp[h * W + w];
            ++count;
          }
        }
        y[(p * Ho + i) * Wo + j] = s / static_cast<float>(count);
      }
  }
}

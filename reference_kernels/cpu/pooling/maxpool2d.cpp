// CPU reference for pooling/maxpool2d: per output element, max over the in-bounds KxK window.
#include <cstdint>
#include <limits>

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t K, int64_t S,
                      int64_t P, int64_t Ho, int64_t Wo) {
  const int64_t planes = N * C;
#pragma omp parallel for schedule(static)
  for (int64_t p = 0; p < planes; ++p) {
    const float* xp = x + p * H * W;
    for (int64_t i = 0; i < Ho; ++i)
      for (int64_t j = 0; j < Wo; ++j) {
        float m = -std::numeric_limits<float>::infinity();
        for (int64_t a = 0; a < K; ++a) {
          const int64_t h = i * S - P + a;
          if (h < 0 || h >= H) continue;
          for (int64_t b = 0; b < K; ++b) {
            const int64_t w = j * S - P + b;
            if (w >= 0 && w < W && xp[h * W + w] > m) m = xp[h * W + w];
          }
        }
        y[(p * Ho + i) * Wo + j] = m;
      }
  }
}

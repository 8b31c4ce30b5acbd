// CPU reference for pooling/avgpool3d: per output element, sum over the in-bounds KxKxK window divided by K^3.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t D, int64_t H, int64_t W, int64_t K,
                      int64_t S, int64_t P, int64_t Do, int64_t Ho, int64_t Wo) {
  const int64_t planes = N * C;
  const float inv = 1.0f / static_cast<float>(K * K * K);
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t p = 0; p < planes; ++p)
    for (int64_t d = 0; d < Do; ++d) {
      const float* xp = x + p * D * H * W;
      for (int64_t i = 0; i < Ho; ++i)
        for (int64_t j = 0; j < Wo; ++j) {
          float s = 0.0f;
          for (int64_t a = 0; a < K; ++a) {
            const int64_t z = d * S - P + a;
            if (z < 0 || z >= D) continue;
            for (int64_t b = 0; b < K; ++b) {
              const int64_t h = i * S - P + b;
              if (h < 0 || h >= H) continue;
              for (int64_t e = 0; e < K; ++e) {
                const int64_t w = j * S - P + e;
                if (w >= 0 && w < W) s += xp[(z * H + h) * W + w];
              }
            }
          }
          y[((p * Do + d) * Ho + i) * Wo + j] = s * inv;
        }
    }
}

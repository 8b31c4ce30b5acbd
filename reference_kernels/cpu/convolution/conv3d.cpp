// CPU reference for convolution/conv3d: direct convolution, one (n, co) output volume per OpenMP iteration,
// accumulating weight * shifted input rows.
#include <cstdint>

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t N, int64_t Cin,
                      int64_t D, int64_t H, int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Do,
                      int64_t Ho, int64_t Wo) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t n = 0; n < N; ++n)
    for (int64_t co = 0; co < Cout; ++co) {
      float* yv = y + (n * Cout + co) * Do * Ho * Wo;
      for (int64_t i = 0; i < Do * Ho * Wo; ++i) yv[i] = bias[co];
      for (int64_t ci = 0; ci < Cin; ++ci) {
        const float* xv = x + (n * Cin + ci) * D * H * W;
        for (int64_t a = 0; a < K; ++a)
          for (int64_t b = 0; b < K; ++b)
            for (int64_t e = 0; e < K; ++e) {
              const float wv = weight[(((co * Cin + ci) * K + a) * K + b) * K + e];
              for (int64_t d = 0; d < Do; ++d) {
                const int64_t z = d * S - P + a;
                if (z < 0 || z >= D) continue;
                for (int64_t i = 0; i < Ho; ++i) {
                  const int64_t h = i * S - P + b;
                  if (h < 0 || h >= H) continue;
                  for (int64_t j = 0; j < Wo; ++j) {
                    const int64_t w = j * S - P + e;
                    if (w >= 0 && w < W) yv[(d * Ho + i) * Wo + j] += wv * xv[(z * H + h) * W + w];
                  }
                }
              }
            }
      }
    }
}

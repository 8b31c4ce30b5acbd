// CPU reference for convolution/conv2d_f16: direct convolution accumulated in a float32 plane buffer per
// (n, co), rounded to float16 at the end.
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const _Float16* x, const _Float16* weight, const _Float16* bias, _Float16* y, int64_t N,
                      int64_t Cin, int64_t H, int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Ho,
                      int64_t Wo) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t n = 0; n < N; ++n)
    for (int64_t co = 0; co < Cout; ++co) {
      std::vector<float> acc(static_cast<std::size_t>(Ho * Wo), static_cast<float>(bias[co]));
      for (int64_t ci = 0; ci < Cin; ++ci) {
        const _Float16* xp = x + (n * Cin + ci) * H * W;
        for (int64_t a = 0; a < K; ++a)
          for (int64_t b = 0; b < K; ++b) {
            const float wv = static_cast<float>(weight[((co * Cin + ci) * K + a) * K + b]);
            for (int64_t i = 0; i < Ho; ++i) {
              const int64_t h = i * S - P + a;
              if (h < 0 || h >= H) continue;
              for (int64_t j = 0; j < Wo; ++j) {
                const int64_t w = j * S - P + b;
                if (w >= 0 && w < W) acc[i * Wo + j] += wv * static_cast<float>(xp[h * W + w]);
              }
            }
          }
      }
      _Float16* yp = y + (n * Cout + co) * Ho * Wo;
      for (int64_t i = 0; i < Ho * Wo; ++i) yp[i] = static_cast<_Float16>(acc[i]);
    }
}

// CPU reference for convolution/conv2d_f16: input and weights widened to float32 once (scalar _Float16
// conversions are slow where not vectorised), direct convolution per (n, co) plane in float32, rounded once.
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const _Float16* x, const _Float16* weight, const _Float16* bias, _Float16* y, int64_t N,
                      int64_t Cin, int64_t H, int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Ho,
                      int64_t Wo) {
  const int64_t nx = N * Cin * H * W, nw = Cout * Cin * K * K;
  std::vector<float> xf(static_cast<std::size_t>(nx)), wf(static_cast<std::size_t>(nw));
#pragma omp parallel for schedule(static)
  for (int64_t e = 0; e < nx; ++e) xf[e] = static_cast<float>(x[e]);
  for (int64_t e = 0; e < nw; ++e) wf[e] = static_cast<float>(weight[e]);
#pragma omp parallel
  {
    std::vector<float> acc(static_cast<std::size_t>(Ho * Wo));
#pragma omp for collapse(2) schedule(static)
    for (int64_t n = 0; n < N; ++n)
      for (int64_t co = 0; co < Cout; ++co) {
        const float b = static_cast<float>(bias[co]);
        for (int64_t i = 0; i < Ho * Wo; ++i) acc[i] = b;
        for (int64_t ci = 0; ci < Cin; ++ci) {
          const float* xp = xf.data() + (n * Cin + ci) * H * W;
          for (int64_t a = 0; a < K; ++a)
            for (int64_t bb = 0; bb < K; ++bb) {
              const float wv = wf[((co * Cin + ci) * K + a) * K + bb];
              for (int64_t i = 0; i < Ho; ++i) {
                const int64_t h = i * S - P + a;
                if (h < 0 || h >= H) continue;
                for (int64_t j = 0; j < Wo; ++j) {
                  const int64_t w = j * S - P + bb;
                  if (w >= 0 && w < W) acc[i * Wo + j] += wv * xp[h * W + w];
                }
              }
            }
        }
        _Float16* yp = y + (n * Cout + co) * Ho * Wo;
        for (int64_t i = 0; i < Ho * Wo; ++i) yp[i] = static_cast<_Float16>(acc[i]);
      }
  }
}

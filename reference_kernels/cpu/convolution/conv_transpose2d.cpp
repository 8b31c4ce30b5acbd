// CPU reference for convolution/conv_transpose2d: per (n, co) output plane, scatter every input element
// times the matching filter tap (no races: each iteration owns its plane).
#include <cstdint>

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t N, int64_t Cin,
                      int64_t H, int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Ho, int64_t Wo) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t n = 0; n < N; ++n)
    for (int64_t co = 0; co < Cout; ++co) {
      float* yp = y + (n * Cout + co) * Ho * Wo;
      for (int64_t i = 0; i < Ho * Wo; ++i) yp[i] = bias[co];
      for (int64_t ci = 0; ci < Cin; ++ci) {
        const float* xp = x + (n * Cin + ci) * H * W;
        const float* wp = weight + (ci * Cout + co) * K * K;
        for (int64_t h = 0; h < H; ++h)
          for (int64_t a = 0; a < K; ++a) {
            const int64_t oh = h * S - P + a;
            if (oh < 0 || oh >= Ho) continue;
            for (int64_t w = 0; w < W; ++w)
              for (int64_t b = 0; b < K; ++b) {
                const int64_t ow = w * S - P + b;
                if (ow >= 0 && ow < Wo) yp[oh * Wo + ow] += xp[h * W + w] * wp[a * K + b];
              }
          }
      }
    }
}

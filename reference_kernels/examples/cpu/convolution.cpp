// example for convolution/depthwise_conv2d
// Why it is fast: for each (plane, filter tap) the contribution is added to a whole output row at once,
// so the innermost loop is a unit-stride (stride-1 case) multiply-add the compiler vectorises; the valid
// output column range of each tap is computed once instead of testing bounds per element.
#include <algorithm>
#include <cstdint>

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t N, int64_t C,
                      int64_t H, int64_t W, int64_t K, int64_t S, int64_t P, int64_t Ho, int64_t Wo) {
  const int64_t planes = N * C;
#pragma omp parallel for schedule(static)
  for (int64_t p = 0; p < planes; ++p) {
    const int64_t c = p % C;
    const float* xp = x + p * H * W;
    const float* wc = weight + c * K * K;
    float* yp = y + p * Ho * Wo;
    for (int64_t i = 0; i < Ho; ++i) {
      float* yrow = yp + i * Wo;
      for (int64_t j = 0; j < Wo; ++j) yrow[j] = bias[c];
      for (int64_t a = 0; a < K; ++a) {
        const int64_t h = i * S - P + a;
        if (h < 0 || h >= H) continue;
        const float* xrow = xp + h * W;
        for (int64_t b = 0; b < K; ++b) {
          const float wv = wc[a * K + b];
          // valid j: 0 <= j*S - P + b < W
          const int64_t j0 = std::max<int64_t>(0, (P - b + S - 1) / S);
          const int64_t j1 = std::min<int64_t>(Wo, (W - 1 + P - b) / S + 1);
          if (S == 1) {
            const float* src = xrow - P + b;
#pragma omp simd
            for (int64_t j = j0; j < j1; ++j) yrow[j] += wv * src[j];
          } else {
            for (int64_t j = j0; j < j1; ++j) yrow[j] += wv * xrow[j * S - P + b];
          }
        }
      }
    }
  }
}

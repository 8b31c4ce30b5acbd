// CPU reference for fusion/conv2d_bn_relu: direct convolution accumulating whole output rows (unit stride over
// ow), then the folded batch-norm scale/shift and ReLU.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const float* x, const float* w, const float* gamma, const float* beta, const float* mean,
                      const float* var, float* y, int64_t N, int64_t Cin, int64_t H, int64_t W, int64_t Cout,
                      int64_t KS, int64_t P, int64_t OH, int64_t OW, float eps) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t n = 0; n < N; ++n)
    for (int64_t o = 0; o < Cout; ++o) {
      const float scale = gamma[o] / std::sqrt(var[o] + eps);
      const float shift = beta[o] - mean[o] * scale;
      std::vector<float> acc(static_cast<size_t>(OW));
      for (int64_t oh = 0; oh < OH; ++oh) {
        for (auto& a : acc) a = 0.0f;
        for (int64_t c = 0; c < Cin; ++c)
          for (int64_t i = 0; i < KS; ++i) {
            const int64_t h = oh + i - P;
            if (h < 0 || h >= H) continue;
            const float* xr = x + ((n * Cin + c) * H + h) * W;
            for (int64_t j = 0; j < KS; ++j) {
              const float wv = w[((o * Cin + c) * KS + i) * KS + j];
              const int64_t lo = P - j > 0 ? P - j : 0;              // first ow with ow + j - P >= 0
              const int64_t hi = W + P - j < OW ? W + P - j : OW;    // first ow with ow + j - P >= W
              for (int64_t ow = lo; ow < hi; ++ow) acc[ow] += wv * xr[ow + j - P];
            }
          }
        float* yr = y + ((n * Cout + o) * OH + oh) * OW;
        for (int64_t ow = 0; ow < OW; ++ow) {
          const float v = acc[ow] * scale + shift;
          yr[ow] = v > 0.0f ? v : 0.0f;
        }
      }
    }
}

// CPU reference for layout/pixel_shuffle: one output row per iteration, gathering from the r source channels.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t r) {
  const int64_t OH = H * r, OW = W * r;
#pragma omp parallel for collapse(3) schedule(static)
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t oh = 0; oh < OH; ++oh) {
        const int64_t h = oh / r, i = oh % r;
        float* yr = y + ((n * C + c) * OH + oh) * OW;
        for (int64_t ow = 0; ow < OW; ++ow) {
          const int64_t ic = (c * r + i) * r + ow % r;
          yr[ow] = x[((n * C * r * r + ic) * H + h) * W + ow / r];
        }
      }
}

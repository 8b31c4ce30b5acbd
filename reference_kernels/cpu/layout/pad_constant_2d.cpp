// CPU reference for layout/pad_constant_2d: one output row per iteration (fill, copy the interior, fill).
#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t pt, int64_t pb,
                      int64_t pl, int64_t pr, int64_t OH, int64_t OW, float value) {
  (void)pb;
  (void)pr;
  const int64_t NC = N * C;
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t p = 0; p < NC; ++p)
    for (int64_t oh = 0; oh < OH; ++oh) {
      float* yr = y + (p * OH + oh) * OW;
      const int64_t h = oh - pt;
      if (h < 0 || h >= H) {
        for (int64_t ow = 0; ow < OW; ++ow) yr[ow] = value;
        continue;
      }
      for (int64_t ow = 0; ow < pl; ++ow) yr[ow] = value;
      std::memcpy(yr + pl, x + (p * H + h) * W, static_cast<size_t>(W) * sizeof(float));
      for (int64_t ow = pl + W; ow < OW; ++ow) yr[ow] = value;
    }
}

// CPU reference for layout/reflect_pad_2d: per output row, the reflected source row; interior copied.
#include <cstddef>
#include <cstdint>
#include <cstring>

static inline int64_t reflect(int64_t i, int64_t S) { return i < 0 ? -i : (i >= S ? 2 * (S - 1) - i : i); }

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t P, int64_t OH,
                      int64_t OW) {
  const int64_t NC = N * C;
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t p = 0; p < NC; ++p)
    for (int64_t oh = 0; oh < OH; ++oh) {
      const float* xr = x + (p * H + reflect(oh - P, H)) * W;
      float* yr = y + (p * OH + oh) * OW;
      for (int64_t ow = 0; ow < P; ++ow) yr[ow] = xr[P - ow];
      std::memcpy(yr + P, xr, static_cast<size_t>(W) * sizeof(float));
      for (int64_t ow = P + W; ow < OW; ++ow) yr[ow] = xr[2 * (W - 1) - (ow - P)];
    }
}

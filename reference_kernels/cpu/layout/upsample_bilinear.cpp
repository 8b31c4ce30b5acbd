// CPU reference for layout/upsample_bilinear: source rows/columns and weights precomputed per axis, then one
// pass over the output (align_corners=False).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace {
struct Tap {
  int64_t i0, i1;
  float l;
};
std::vector<Tap> taps(int64_t in, int64_t out) {
  std::vector<Tap> t(static_cast<size_t>(out));
  const float scale = static_cast<float>(in) / static_cast<float>(out);
  for (int64_t o = 0; o < out; ++o) {
    float src = (static_cast<float>(o) + 0.5f) * scale - 0.5f;
    if (src < 0.0f) src = 0.0f;
    int64_t i0 = static_cast<int64_t>(src);
    if (i0 > in - 1) i0 = in - 1;
    t[o] = {i0, i0 + 1 < in ? i0 + 1 : in - 1, src - static_cast<float>(i0)};
  }
  return t;
}
}  // namespace

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t OH, int64_t OW) {
  const std::vector<Tap> th = taps(H, OH), tw = taps(W, OW);
  const int64_t NC = N * C;
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t p = 0; p < NC; ++p)
    for (int64_t oh = 0; oh < OH; ++oh) {
      const float* r0 = x + (p * H + th[oh].i0) * W;
      const float* r1 = x + (p * H + th[oh].i1) * W;
      const float lh = th[oh].l;
      float* yr = y + (p * OH + oh) * OW;
      for (int64_t ow = 0; ow < OW; ++ow) {
        const Tap& t = tw[ow];
        const float top = (1 - t.l) * r0[t.i0] + t.l * r0[t.i1];
        const float bot = (1 - t.l) * r1[t.i0] + t.l * r1[t.i1];
        yr[ow] = (1 - lh) * top + lh * bot;
      }
    }
}

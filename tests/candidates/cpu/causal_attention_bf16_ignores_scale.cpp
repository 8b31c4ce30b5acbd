// Causal attention in bfloat16, computed in float32, but with the usual scale 1/sqrt(D) instead of the
// `scale` argument: must be incorrect (the check shapes vary scale independently of D).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>
static float bf(uint16_t b) {
  const uint32_t u = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}
static uint16_t to_bf(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  u += 0x7fffu + ((u >> 16) & 1u);
  return static_cast<uint16_t>(u >> 16);
}
extern "C" void solve(const uint16_t* Q, const uint16_t* K, const uint16_t* V, uint16_t* O, int64_t B, int64_t H, int64_t S,
                      int64_t D, float /*scale*/) {
  const float scale = 1.0f / std::sqrt(static_cast<float>(D));
  std::vector<float> p(S), o(D);
  for (int64_t bh = 0; bh < B * H; ++bh)
    for (int64_t i = 0; i < S; ++i) {
      const uint16_t* q = Q + (bh * S + i) * D;
      float m = -INFINITY;
      for (int64_t j = 0; j <= i; ++j) {
        float dot = 0;
        for (int64_t d = 0; d < D; ++d) dot += bf(q[d]) * bf(K[(bh * S + j) * D + d]);
        p[j] = scale * dot;
        m = std::fmax(m, p[j]);
      }
      float sum = 0;
      for (int64_t j = 0; j <= i; ++j) sum += (p[j] = std::exp(p[j] - m));
      for (int64_t d = 0; d < D; ++d) o[d] = 0;
      for (int64_t j = 0; j <= i; ++j)
        for (int64_t d = 0; d < D; ++d) o[d] += p[j] / sum * bf(V[(bh * S + j) * D + d]);
      for (int64_t d = 0; d < D; ++d) O[(bh * S + i) * D + d] = to_bf(o[d]);
    }
}

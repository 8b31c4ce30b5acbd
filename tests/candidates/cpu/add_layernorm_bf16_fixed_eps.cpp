// Residual add and layer normalization in bfloat16, statistics in float32, but with eps hard-coded to 1e-5
// instead of the `eps` argument: must be incorrect (a check shape makes eps visible in bfloat16).
#include <cmath>
#include <cstdint>
#include <cstring>
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
extern "C" void solve(const uint16_t* x, const uint16_t* r, const uint16_t* gamma, const uint16_t* beta, uint16_t* h, uint16_t* y,
                      int64_t rows, int64_t cols, float /*eps*/) {
  const float eps = 1e-5f;
  for (int64_t i = 0; i < rows; ++i) {
    float mean = 0, var = 0;
    for (int64_t c = 0; c < cols; ++c) mean += bf(x[i * cols + c]) + bf(r[i * cols + c]);
    mean /= static_cast<float>(cols);
    for (int64_t c = 0; c < cols; ++c) {
      const float d = bf(x[i * cols + c]) + bf(r[i * cols + c]) - mean;
      var += d * d;
    }
    var /= static_cast<float>(cols);
    const float inv = 1.0f / std::sqrt(var + eps);
    for (int64_t c = 0; c < cols; ++c) {
      const float v = bf(x[i * cols + c]) + bf(r[i * cols + c]);
      h[i * cols + c] = to_bf(v);
      y[i * cols + c] = to_bf((v - mean) * inv * bf(gamma[c]) + bf(beta[c]));
    }
  }
}

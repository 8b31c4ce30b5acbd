// CPU reference for normalization/layernorm_bf16: two passes per row in double; bfloat16 as uint16_t bit patterns.
#include <cmath>
#include <cstdint>
#include <cstring>

static float bf16_to_float(uint16_t b) {
  const uint32_t u = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

static uint16_t float_to_bf16(float f) {  // round to nearest even (inputs are finite)
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  u += 0x7fffu + ((u >> 16) & 1u);
  return static_cast<uint16_t>(u >> 16);
}

extern "C" void solve(const uint16_t* x, const uint16_t* gamma, const uint16_t* beta, uint16_t* y, int64_t rows,
                      int64_t cols, float eps) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const uint16_t* xr = x + r * cols;
    double mean = 0.0;
    for (int64_t c = 0; c < cols; ++c) mean += bf16_to_float(xr[c]);
    mean /= static_cast<double>(cols);
    double var = 0.0;
    for (int64_t c = 0; c < cols; ++c) {
      const double d = bf16_to_float(xr[c]) - mean;
      var += d * d;
    }
    var /= static_cast<double>(cols);
    const float m = static_cast<float>(mean);
    const float inv = static_cast<float>(1.0 / std::sqrt(var + eps));
    for (int64_t c = 0; c < cols; ++c)
      y[r * cols + c] =
          float_to_bf16((bf16_to_float(xr[c]) - m) * inv * bf16_to_float(gamma[c]) + bf16_to_float(beta[c]));
  }
}

// CPU reference for fusion/add_layernorm_bf16: bf16 as uint16_t bit patterns; the sum is kept in float for the
// statistics (double accumulation) and rounded to bf16 when stored.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

static inline float bf16_to_float(uint16_t v) {
  const uint32_t b = static_cast<uint32_t>(v) << 16;
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}
static inline uint16_t float_to_bf16(float f) {  // round to nearest even (inputs here are finite)
  uint32_t b;
  std::memcpy(&b, &f, 4);
  b += 0x7fffu + ((b >> 16) & 1u);
  return static_cast<uint16_t>(b >> 16);
}

extern "C" void solve(const uint16_t* x, const uint16_t* r, const uint16_t* gamma, const uint16_t* beta, uint16_t* h,
                      uint16_t* y, int64_t rows, int64_t cols, float eps) {
#pragma omp parallel
  {
    std::vector<float> hv(static_cast<size_t>(cols));
#pragma omp for schedule(static)
    for (int64_t row = 0; row < rows; ++row) {
      double sum = 0.0;
      for (int64_t c = 0; c < cols; ++c) {
        hv[c] = bf16_to_float(x[row * cols + c]) + bf16_to_float(r[row * cols + c]);
        h[row * cols + c] = float_to_bf16(hv[c]);
        sum += hv[c];
      }
      const double mean = sum / static_cast<double>(cols);
      double var = 0.0;
      for (int64_t c = 0; c < cols; ++c) var += (hv[c] - mean) * (hv[c] - mean);
      var /= static_cast<double>(cols);
      const float m = static_cast<float>(mean), inv = static_cast<float>(1.0 / std::sqrt(var + eps));
      for (int64_t c = 0; c < cols; ++c)
        y[row * cols + c] = float_to_bf16((hv[c] - m) * inv * bf16_to_float(gamma[c]) + bf16_to_float(beta[c]));
    }
  }
}

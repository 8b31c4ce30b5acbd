// CPU reference for fusion/swiglu_bf16: bf16 as uint16_t bit patterns, computed in float per element.
#include <cmath>
#include <cstdint>
#include <cstring>

static inline float bf16_to_float(uint16_t v) {
  const uint32_t b = static_cast<uint32_t>(v) << 16;
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}
static inline uint16_t float_to_bf16(float f) {  // round to nearest even (values here are finite)
  uint32_t b;
  std::memcpy(&b, &f, 4);
  b += 0x7fffu + ((b >> 16) & 1u);
  return static_cast<uint16_t>(b >> 16);
}

extern "C" void solve(const uint16_t* x, const uint16_t* b, uint16_t* y, int64_t rows, int64_t H) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t j = 0; j < H; ++j) {
      const float g = bf16_to_float(x[r * 2 * H + j]) + bf16_to_float(b[j]);
      const float u = bf16_to_float(x[r * 2 * H + H + j]) + bf16_to_float(b[H + j]);
      y[r * H + j] = float_to_bf16(g / (1.0f + std::exp(-g)) * u);
    }
}

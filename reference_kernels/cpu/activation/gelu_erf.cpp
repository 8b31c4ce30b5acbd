// CPU reference for activation/gelu_erf: bfloat16 in and out (uint16_t bit patterns), float32 math.
#include <cmath>
#include <cstdint>
#include <cstring>

namespace {
float bf16_to_float(uint16_t h) {
  const uint32_t bits = static_cast<uint32_t>(h) << 16;
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}
uint16_t float_to_bf16(float f) {  // round to nearest even; inputs here are finite
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  bits += 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>(bits >> 16);
}
}  // namespace

extern "C" void solve(const uint16_t* x, uint16_t* y, int64_t n) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float v = bf16_to_float(x[i]);
    y[i] = float_to_bf16(0.5f * v * (1.0f + std::erf(v * 0.7071067811865476f)));
  }
}

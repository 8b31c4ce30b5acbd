// CPU reference for broadcast/add_bias_cols_bf16: bfloat16 bit patterns, float32 add, round to nearest even.
#include <cstdint>
#include <cstring>

namespace {
float bf16_to_float(uint16_t h) {
  const uint32_t bits = static_cast<uint32_t>(h) << 16;
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}
uint16_t float_to_bf16(float f) {  // round to nearest even; values here are finite
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  bits += 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>(bits >> 16);
}
}  // namespace

extern "C" void solve(const uint16_t* x, const uint16_t* b, uint16_t* y, int64_t rows, int64_t cols) {
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const float br = bf16_to_float(b[r]);
    for (int64_t c = 0; c < cols; ++c) y[r * cols + c] = float_to_bf16(bf16_to_float(x[r * cols + c]) + br);
  }
}

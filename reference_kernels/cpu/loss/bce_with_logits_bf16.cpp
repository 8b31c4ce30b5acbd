// CPU reference for loss/bce_with_logits_bf16: bfloat16 bit patterns widened to float, stable form, summed in double.
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
}  // namespace

extern "C" void solve(const uint16_t* logits, const uint16_t* target, float* out, int64_t n) {
  double s = 0.0;
#pragma omp parallel for reduction(+ : s) schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float x = bf16_to_float(logits[i]), t = bf16_to_float(target[i]);
    s += std::fmax(x, 0.0f) - x * t + std::log1p(std::exp(-std::fabs(x)));
  }
  out[0] = static_cast<float>(s / static_cast<double>(n));
}

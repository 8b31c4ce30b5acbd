// example for reduction/sum_all_bf16
// Whole-tensor bfloat16 sum on the CPU. bf16 -> float is a 16-bit shift, so blocks of 16 values convert and
// add in float lanes that `omp simd` vectorises; every 4096 elements the block's float sum is added to a
// double accumulator, so rounding error stays tiny while the inner loop never touches double. Threads take
// contiguous chunks and combine their doubles at the end.
#include <cstdint>
#include <cstring>

extern "C" void solve(const uint16_t* x, float* out, int64_t n) {
  constexpr int64_t kBlock = 4096;
  double total = 0.0;
#pragma omp parallel for reduction(+ : total) schedule(static)
  for (int64_t b0 = 0; b0 < n; b0 += kBlock) {
    const int64_t b1 = b0 + kBlock < n ? b0 + kBlock : n;
    float s = 0.0f;
#pragma omp simd reduction(+ : s)
    for (int64_t i = b0; i < b1; ++i) {
      const uint32_t bits = static_cast<uint32_t>(x[i]) << 16;
      float f;
      std::memcpy(&f, &bits, sizeof f);
      s += f;
    }
    total += s;
  }
  out[0] = static_cast<float>(total);
}

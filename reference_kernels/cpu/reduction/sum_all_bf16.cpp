// CPU reference for reduction/sum_all_bf16: bfloat16 bit patterns widened to float, summed in double.
#include <cstdint>
#include <cstring>

extern "C" void solve(const uint16_t* x, float* out, int64_t n) {
  double s = 0.0;
#pragma omp parallel for reduction(+ : s) schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const uint32_t bits = static_cast<uint32_t>(x[i]) << 16;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    s += f;
  }
  out[0] = static_cast<float>(s);
}

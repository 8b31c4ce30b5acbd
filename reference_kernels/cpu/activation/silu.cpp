// CPU reference for activation/silu: float16 in and out, float32 math.
#include <cmath>
#include <cstdint>

extern "C" void solve(const _Float16* x, _Float16* y, int64_t n) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float v = static_cast<float>(x[i]);
    y[i] = static_cast<_Float16>(v / (1.0f + std::exp(-v)));
  }
}

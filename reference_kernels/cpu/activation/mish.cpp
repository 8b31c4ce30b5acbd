// CPU reference for activation/mish: x * tanh(softplus(x)) with a stable softplus, float32.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t n) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float v = x[i];
    const float sp = std::fmax(v, 0.0f) + std::log1p(std::exp(-std::fabs(v)));
    y[i] = v * std::tanh(sp);
  }
}

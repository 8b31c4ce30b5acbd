// CPU reference for activation/gelu_tanh: plain float32 loop, parallelised with OpenMP.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t n) {
  const float k = 0.7978845608028654f;  // sqrt(2/pi)
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float v = x[i];
    y[i] = 0.5f * v * (1.0f + std::tanh(k * (v + 0.044715f * v * v * v)));
  }
}

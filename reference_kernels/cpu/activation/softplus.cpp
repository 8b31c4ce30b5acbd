// CPU reference for activation/softplus: stable log1p form, PyTorch's threshold rule, float32.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t n, float beta, float threshold) {
  const float inv_beta = 1.0f / beta;
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float v = beta * x[i];
    y[i] = v > threshold ? x[i] : (std::fmax(v, 0.0f) + std::log1p(std::exp(-std::fabs(v)))) * inv_beta;
  }
}

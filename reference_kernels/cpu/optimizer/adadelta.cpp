// CPU reference for optimizer/adadelta: one fused element-wise loop.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* param, const float* grad, const float* sq, const float* acc_delta, float* param_out,
                      float* sq_out, float* acc_delta_out, int64_t n, float lr, float rho, float eps) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float s = rho * sq[i] + (1.0f - rho) * grad[i] * grad[i];
    const float delta = std::sqrt(acc_delta[i] + eps) / std::sqrt(s + eps) * grad[i];
    sq_out[i] = s;
    acc_delta_out[i] = rho * acc_delta[i] + (1.0f - rho) * delta * delta;
    param_out[i] = param[i] - lr * delta;
  }
}

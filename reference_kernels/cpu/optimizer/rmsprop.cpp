// CPU reference for optimizer/rmsprop: one fused element-wise loop.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* param, const float* grad, const float* sq, float* param_out, float* sq_out,
                      int64_t n, float lr, float alpha, float eps) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float s = alpha * sq[i] + (1.0f - alpha) * grad[i] * grad[i];
    sq_out[i] = s;
    param_out[i] = param[i] - lr * grad[i] / (std::sqrt(s) + eps);
  }
}

// CPU reference for optimizer/adagrad: one fused element-wise loop.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* param, const float* grad, const float* sum, float* param_out, float* sum_out,
                      int64_t n, float lr, float eps) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float s = sum[i] + grad[i] * grad[i];
    sum_out[i] = s;
    param_out[i] = param[i] - lr * grad[i] / (std::sqrt(s) + eps);
  }
}

// CPU reference for optimizer/adam: bias corrections computed once, then one fused element-wise loop.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* param, const float* grad, const float* m, const float* v, float* param_out,
                      float* m_out, float* v_out, int64_t n, float lr, float beta1, float beta2, float eps,
                      float step) {
  const float c1 = 1.0f - std::pow(beta1, step), c2 = 1.0f - std::pow(beta2, step);
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) {
    const float mi = beta1 * m[i] + (1.0f - beta1) * grad[i];
    const float vi = beta2 * v[i] + (1.0f - beta2) * grad[i] * grad[i];
    m_out[i] = mi;
    v_out[i] = vi;
    param_out[i] = param[i] - lr * (mi / c1) / (std::sqrt(vi / c2) + eps);
  }
}

// CPU reference for optimizer/lamb: per layer (row), one pass for the moments, the update u (parked in
// param_out) and both norms, then a second pass applying the trust ratio.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* param, const float* grad, const float* m, const float* v, float* param_out,
                      float* m_out, float* v_out, int64_t L, int64_t n, float lr, float beta1, float beta2, float eps,
                      float weight_decay, float step) {
  const float c1 = 1.0f - std::pow(beta1, step), c2 = 1.0f - std::pow(beta2, step);
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < L; ++r) {
    double pn = 0.0, un = 0.0;
    for (int64_t i = r * n; i < (r + 1) * n; ++i) {
      const float mi = beta1 * m[i] + (1.0f - beta1) * grad[i];
      const float vi = beta2 * v[i] + (1.0f - beta2) * grad[i] * grad[i];
      m_out[i] = mi;
      v_out[i] = vi;
      const float u = (mi / c1) / (std::sqrt(vi / c2) + eps) + weight_decay * param[i];
      param_out[i] = u;
      pn += static_cast<double>(param[i]) * param[i];
      un += static_cast<double>(u) * u;
    }
    const float ratio = (pn > 0.0 && un > 0.0) ? static_cast<float>(std::sqrt(pn / un)) : 1.0f;
    for (int64_t i = r * n; i < (r + 1) * n; ++i) param_out[i] = param[i] - lr * ratio * param_out[i];
  }
}

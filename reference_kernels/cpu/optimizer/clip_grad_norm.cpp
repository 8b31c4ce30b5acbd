// CPU reference for optimizer/clip_grad_norm: parallel sum of squares in double, then one scaling pass.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* grad, float* grad_out, float* total_norm, int64_t n, float max_norm) {
  double ss = 0.0;
#pragma omp parallel for reduction(+ : ss) schedule(static)
  for (int64_t i = 0; i < n; ++i) ss += static_cast<double>(grad[i]) * grad[i];
  const double total = std::sqrt(ss);
  total_norm[0] = static_cast<float>(total);
  const double coef = max_norm / (total + 1e-6);
  const float scale = coef < 1.0 ? static_cast<float>(coef) : 1.0f;
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) grad_out[i] = grad[i] * scale;
}

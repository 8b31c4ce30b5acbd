// CPU reference for loss/triplet_margin: per row both squared distances in double, then the mean hinge.
#include <algorithm>
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* anchor, const float* positive, const float* negative, float* out, int64_t N,
                      int64_t D, float margin) {
  constexpr float eps = 1e-6f;
  double total = 0.0;
#pragma omp parallel for reduction(+ : total) schedule(static)
  for (int64_t n = 0; n < N; ++n) {
    double sp = 0.0, sn = 0.0;
    for (int64_t k = 0; k < D; ++k) {
      const float dp = anchor[n * D + k] - positive[n * D + k] + eps;
      const float dn = anchor[n * D + k] - negative[n * D + k] + eps;
      sp += static_cast<double>(dp) * dp;
      sn += static_cast<double>(dn) * dn;
    }
    total += std::max(0.0, std::sqrt(sp) - std::sqrt(sn) + margin);
  }
  out[0] = static_cast<float>(total / static_cast<double>(N));
}

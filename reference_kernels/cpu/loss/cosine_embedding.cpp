// CPU reference for loss/cosine_embedding: per row the three dot products in double, then the mean loss.
#include <algorithm>
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* a, const float* b, const int64_t* y, float* out, int64_t N, int64_t D,
                      float margin) {
  double total = 0.0;
#pragma omp parallel for reduction(+ : total) schedule(static)
  for (int64_t n = 0; n < N; ++n) {
    const float* an = a + n * D;
    const float* bn = b + n * D;
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (int64_t k = 0; k < D; ++k) {
      ab += static_cast<double>(an[k]) * bn[k];
      aa += static_cast<double>(an[k]) * an[k];
      bb += static_cast<double>(bn[k]) * bn[k];
    }
    const double cos = ab / std::sqrt(aa * bb);
    total += y[n] == 1 ? 1.0 - cos : std::max(0.0, cos - margin);
  }
  out[0] = static_cast<float>(total / static_cast<double>(N));
}

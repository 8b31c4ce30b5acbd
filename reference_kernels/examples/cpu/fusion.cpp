// example for fusion/gemm_bias_gelu
// Why it is fast: w is packed once into w^T [K, N], so the product becomes a broadcast-and-FMA over contiguous
// rows of w^T; a 4-row micro-kernel makes every loaded w^T element feed four rows of accumulators, and blocking
// over K (256) and N (512) keeps those accumulators in L1 and the w^T panel in L2. Bias + exact GELU run on the
// finished tile while it is still in cache, so y is written once.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const float* x, const float* w, const float* b, float* y, int64_t M, int64_t N, int64_t K) {
  constexpr int64_t kBlockK = 256, kBlockN = 512, kRows = 4;
  std::vector<float> wt(static_cast<size_t>(K * N));
#pragma omp parallel for schedule(static)
  for (int64_t k = 0; k < K; ++k)
    for (int64_t n = 0; n < N; ++n) wt[k * N + n] = w[n * K + k];
  const int64_t groups = (M + kRows - 1) / kRows;
#pragma omp parallel for schedule(static)
  for (int64_t g = 0; g < groups; ++g) {
    const int64_t m0 = g * kRows, rows = std::min(kRows, M - m0);
    for (int64_t n0 = 0; n0 < N; n0 += kBlockN) {
      const int64_t n1 = std::min(N, n0 + kBlockN);
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t n = n0; n < n1; ++n) y[(m0 + r) * N + n] = 0.0f;
      for (int64_t k0 = 0; k0 < K; k0 += kBlockK) {
        const int64_t k1 = std::min(K, k0 + kBlockK);
        if (rows == kRows) {
          float* c0 = y + m0 * N;
          float* c1 = c0 + N;
          float* c2 = c1 + N;
          float* c3 = c2 + N;
          for (int64_t k = k0; k < k1; ++k) {
            const float a0 = x[m0 * K + k], a1 = x[(m0 + 1) * K + k], a2 = x[(m0 + 2) * K + k], a3 = x[(m0 + 3) * K + k];
            const float* wr = wt.data() + k * N;
#pragma omp simd
            for (int64_t n = n0; n < n1; ++n) {
              c0[n] += a0 * wr[n];
              c1[n] += a1 * wr[n];
              c2[n] += a2 * wr[n];
              c3[n] += a3 * wr[n];
            }
          }
        } else {
          for (int64_t r = 0; r < rows; ++r)
            for (int64_t k = k0; k < k1; ++k) {
              const float a = x[(m0 + r) * K + k];
              const float* wr = wt.data() + k * N;
              float* c = y + (m0 + r) * N;
#pragma omp simd
              for (int64_t n = n0; n < n1; ++n) c[n] += a * wr[n];
            }
        }
      }
      for (int64_t r = 0; r < rows; ++r) {
        float* c = y + (m0 + r) * N;
        for (int64_t n = n0; n < n1; ++n) {
          const float v = c[n] + b[n];
          c[n] = 0.5f * v * (1.0f + std::erf(v * 0.70710678118654752f));
        }
      }
    }
  }
}

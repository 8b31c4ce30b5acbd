// example for matmul/matmul
// Why it is fast: one parallel region over groups of 4 rows; inside, cache blocking over K (a 256-deep
// panel of B stays in L2) and N (512 columns), and a 4-row micro-kernel: every B element loaded feeds four
// multiply-adds into four C rows held hot in L1, with unit-stride inner loops vectorised into FMAs.
#include <algorithm>
#include <cstdint>

extern "C" void solve(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K) {
  constexpr int64_t kBlockK = 256, kBlockN = 512, kRows = 4;
  const int64_t row_groups = (M + kRows - 1) / kRows;
#pragma omp parallel for schedule(static)
  for (int64_t g = 0; g < row_groups; ++g) {
    const int64_t i0 = g * kRows, rows = std::min(kRows, M - i0);
    for (int64_t i = i0; i < i0 + rows; ++i)
      for (int64_t j = 0; j < N; ++j) C[i * N + j] = 0.0f;
    for (int64_t j0 = 0; j0 < N; j0 += kBlockN) {
      const int64_t j1 = std::min(N, j0 + kBlockN);
      for (int64_t k0 = 0; k0 < K; k0 += kBlockK) {
        const int64_t k1 = std::min(K, k0 + kBlockK);
        if (rows == kRows) {
          float* c0 = C + i0 * N;
          float* c1 = c0 + N;
          float* c2 = c1 + N;
          float* c3 = c2 + N;
          for (int64_t k = k0; k < k1; ++k) {
            const float a0 = A[i0 * K + k], a1 = A[(i0 + 1) * K + k], a2 = A[(i0 + 2) * K + k],
                        a3 = A[(i0 + 3) * K + k];
            const float* b = B + k * N;
#pragma omp simd
            for (int64_t j = j0; j < j1; ++j) {
              const float bv = b[j];
              c0[j] += a0 * bv;
              c1[j] += a1 * bv;
              c2[j] += a2 * bv;
              c3[j] += a3 * bv;
            }
          }
        } else {
          for (int64_t i = i0; i < i0 + rows; ++i)
            for (int64_t k = k0; k < k1; ++k) {
              const float a = A[i * K + k];
              const float* b = B + k * N;
              float* c = C + i * N;
#pragma omp simd
              for (int64_t j = j0; j < j1; ++j) c[j] += a * b[j];
            }
        }
      }
    }
  }
}

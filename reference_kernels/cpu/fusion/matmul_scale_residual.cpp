// CPU reference for fusion/matmul_scale_residual: i-k-j product into the output row, then scale and add R.
#include <cstdint>

extern "C" void solve(const float* A, const float* B, const float* R, float* y, int64_t M, int64_t N, int64_t K,
                      float alpha) {
#pragma omp parallel for schedule(static)
  for (int64_t m = 0; m < M; ++m) {
    float* row = y + m * N;
    for (int64_t n = 0; n < N; ++n) row[n] = 0.0f;
    for (int64_t k = 0; k < K; ++k) {
      const float a = A[m * K + k];
      const float* brow = B + k * N;
#pragma omp simd
      for (int64_t n = 0; n < N; ++n) row[n] += a * brow[n];
    }
#pragma omp simd
    for (int64_t n = 0; n < N; ++n) row[n] = alpha * row[n] + R[m * N + n];
  }
}

// CPU reference for matmul/linear: y[i,j] = bias[j] + dot(x row i, weight row j); rows in parallel.
#include <cstdint>

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t M, int64_t N,
                      int64_t K) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      const float* a = x + i * K;
      const float* w = weight + j * K;
      float s = 0.0f;
#pragma omp simd reduction(+ : s)
      for (int64_t k = 0; k < K; ++k) s += a[k] * w[k];
      y[i * N + j] = s + bias[j];
    }
}

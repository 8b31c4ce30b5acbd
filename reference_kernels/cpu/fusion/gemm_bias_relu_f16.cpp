// CPU reference for fusion/gemm_bias_relu_f16: x and w are widened to float32 once, then float32 dot products
// (both rows contiguous), bias, ReLU and rounding to float16.
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const _Float16* x, const _Float16* w, const _Float16* b, _Float16* y, int64_t M, int64_t N,
                      int64_t K) {
  std::vector<float> xf(static_cast<size_t>(M * K)), wf(static_cast<size_t>(N * K));
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < M * K; ++i) xf[i] = static_cast<float>(x[i]);
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < N * K; ++i) wf[i] = static_cast<float>(w[i]);
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t m = 0; m < M; ++m)
    for (int64_t n = 0; n < N; ++n) {
      const float* xr = xf.data() + m * K;
      const float* wr = wf.data() + n * K;
      float s = 0.0f;
#pragma omp simd reduction(+ : s)
      for (int64_t k = 0; k < K; ++k) s += xr[k] * wr[k];
      const float v = s + static_cast<float>(b[n]);
      y[m * N + n] = static_cast<_Float16>(v > 0.0f ? v : 0.0f);
    }
}

// CPU reference for arch/lstm_cell: the two gate products into scratch, then the element-wise LSTM update.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

// z[m, n] = sum over k of x[m, k] * w[n, k] + (b ? b[n] : 0): nn.Linear product, rows of x and w both contiguous.
static void linear(const float* x, const float* w, const float* b, float* z, int64_t M, int64_t N, int64_t K) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t m = 0; m < M; ++m)
    for (int64_t n = 0; n < N; ++n) {
      const float* xr = x + m * K;
      const float* wr = w + n * K;
      float s = 0.0f;
#pragma omp simd reduction(+ : s)
      for (int64_t k = 0; k < K; ++k) s += xr[k] * wr[k];
      z[m * N + n] = s + (b ? b[n] : 0.0f);
    }
}

extern "C" void solve(const float* x, const float* h, const float* c, const float* w_ih, const float* w_hh,
                      const float* b_ih, const float* b_hh, float* h_new, float* c_new, int64_t B, int64_t I,
                      int64_t Hd) {
  std::vector<float> gi(static_cast<size_t>(B * 4 * Hd)), gh(static_cast<size_t>(B * 4 * Hd));
  linear(x, w_ih, b_ih, gi.data(), B, 4 * Hd, I);
  linear(h, w_hh, b_hh, gh.data(), B, 4 * Hd, Hd);
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t b = 0; b < B; ++b)
    for (int64_t j = 0; j < Hd; ++j) {
      const int64_t base = b * 4 * Hd + j;
      const float i = 1.0f / (1.0f + std::exp(-(gi[base] + gh[base])));
      const float f = 1.0f / (1.0f + std::exp(-(gi[base + Hd] + gh[base + Hd])));
      const float g = std::tanh(gi[base + 2 * Hd] + gh[base + 2 * Hd]);
      const float o = 1.0f / (1.0f + std::exp(-(gi[base + 3 * Hd] + gh[base + 3 * Hd])));
      const float cn = f * c[b * Hd + j] + i * g;
      c_new[b * Hd + j] = cn;
      h_new[b * Hd + j] = o * std::tanh(cn);
    }
}

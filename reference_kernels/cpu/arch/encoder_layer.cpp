// CPU reference for arch/encoder_layer: attention, add + layer norm, GELU MLP, add + layer norm (post-LN), float32.
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

// Multi-head self-attention of x [T = B*S, D] (no mask): out = softmax(Q K^T / sqrt(Dh)) V per batch and head,
// heads concatenated, then out * wo^T + bo into y [T, D].
static void self_attention(const float* x, const float* wqkv, const float* bqkv, const float* wo, const float* bo,
                           float* y, int64_t B, int64_t S, int64_t D, int64_t H) {
  const int64_t Dh = D / H, T = B * S;
  std::vector<float> qkv(static_cast<size_t>(T * 3 * D)), o(static_cast<size_t>(T * D));
  linear(x, wqkv, bqkv, qkv.data(), T, 3 * D, D);
  const float scale = 1.0f / std::sqrt(static_cast<float>(Dh));
#pragma omp parallel
  {
    std::vector<float> p(static_cast<size_t>(S)), acc(static_cast<size_t>(Dh));
#pragma omp for collapse(3) schedule(static)
    for (int64_t b = 0; b < B; ++b)
      for (int64_t h = 0; h < H; ++h)
        for (int64_t i = 0; i < S; ++i) {
          const float* q = qkv.data() + (b * S + i) * 3 * D + h * Dh;
          float m = -INFINITY;
          for (int64_t j = 0; j < S; ++j) {
            const float* k = qkv.data() + (b * S + j) * 3 * D + D + h * Dh;
            float s = 0.0f;
            for (int64_t d = 0; d < Dh; ++d) s += q[d] * k[d];
            p[j] = s * scale;
            m = std::fmax(m, p[j]);
          }
          float sum = 0.0f;
          for (int64_t j = 0; j < S; ++j) sum += (p[j] = std::exp(p[j] - m));
          for (auto& a : acc) a = 0.0f;
          for (int64_t j = 0; j < S; ++j) {
            const float* v = qkv.data() + (b * S + j) * 3 * D + 2 * D + h * Dh;
            for (int64_t d = 0; d < Dh; ++d) acc[d] += p[j] * v[d];
          }
          for (int64_t d = 0; d < Dh; ++d) o[(b * S + i) * D + h * Dh + d] = acc[d] / sum;
        }
  }
  linear(o.data(), wo, bo, y, T, D, D);
}

// y[r] = layernorm(a[r] + b[r]) * g + beta over rows of length D (statistics in double).
static void add_layernorm(const float* a, const float* b, const float* g, const float* beta, float* y, int64_t rows,
                          int64_t D, float eps) {
#pragma omp parallel
  {
    std::vector<float> v(static_cast<size_t>(D));
#pragma omp for schedule(static)
    for (int64_t r = 0; r < rows; ++r) {
      double mean = 0.0, var = 0.0;
      for (int64_t c = 0; c < D; ++c) mean += (v[c] = a[r * D + c] + b[r * D + c]);
      mean /= static_cast<double>(D);
      for (int64_t c = 0; c < D; ++c) var += (v[c] - mean) * (v[c] - mean);
      var /= static_cast<double>(D);
      const float m = static_cast<float>(mean), inv = static_cast<float>(1.0 / std::sqrt(var + eps));
      for (int64_t c = 0; c < D; ++c) y[r * D + c] = (v[c] - m) * inv * g[c] + beta[c];
    }
  }
}

extern "C" void solve(const float* x, const float* wqkv, const float* bqkv, const float* wo, const float* bo,
                      const float* ln1_g, const float* ln1_b, const float* w1, const float* b1, const float* w2,
                      const float* b2, const float* ln2_g, const float* ln2_b, float* y, int64_t B, int64_t S,
                      int64_t D, int64_t H, int64_t F, int64_t Dh, float eps) {
  (void)Dh;
  const int64_t T = B * S;
  std::vector<float> a(static_cast<size_t>(T * D)), h(static_cast<size_t>(T * D)), f1(static_cast<size_t>(T * F)),
      f2(static_cast<size_t>(T * D));
  self_attention(x, wqkv, bqkv, wo, bo, a.data(), B, S, D, H);
  add_layernorm(x, a.data(), ln1_g, ln1_b, h.data(), T, D, eps);
  linear(h.data(), w1, b1, f1.data(), T, F, D);
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < T * F; ++i) f1[i] = 0.5f * f1[i] * (1.0f + std::erf(f1[i] * 0.70710678118654752f));
  linear(f1.data(), w2, b2, f2.data(), T, D, F);
  add_layernorm(h.data(), f2.data(), ln2_g, ln2_b, y, T, D, eps);
}

// CPU reference for arch/attention_block: QKV projection, per-(batch, head, query) softmax attention, output
// projection; float32 with std::vector scratch.
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

extern "C" void solve(const float* x, const float* wqkv, const float* bqkv, const float* wo, const float* bo, float* y,
                      int64_t B, int64_t S, int64_t D, int64_t H, int64_t Dh) {
  (void)Dh;
  self_attention(x, wqkv, bqkv, wo, bo, y, B, S, D, H);
}

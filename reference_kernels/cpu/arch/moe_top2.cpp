// CPU reference for arch/moe_top2: router logits, top-2 selection per token, then each token's two expert MLPs
// evaluated directly (tokens in parallel).
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

extern "C" void solve(const float* x, const float* wg, const float* w1, const float* w2, float* y, int64_t T, int64_t D,
                      int64_t F, int64_t E) {
  std::vector<float> logits(static_cast<size_t>(T * E));
  linear(x, wg, nullptr, logits.data(), T, E, D);
#pragma omp parallel
  {
    std::vector<float> hid(static_cast<size_t>(F));
#pragma omp for schedule(static)
    for (int64_t t = 0; t < T; ++t) {
      const float* l = logits.data() + t * E;
      int64_t e1 = 0;
      for (int64_t e = 1; e < E; ++e)
        if (l[e] > l[e1]) e1 = e;
      int64_t e2 = e1 == 0 ? 1 : 0;
      for (int64_t e = 0; e < E; ++e)
        if (e != e1 && l[e] > l[e2]) e2 = e;
      const float g1 = 1.0f / (1.0f + std::exp(l[e2] - l[e1]));
      const int64_t experts[2] = {e1, e2};
      const float gates[2] = {g1, 1.0f - g1};
      const float* xt = x + t * D;
      float* yt = y + t * D;
      for (int64_t d = 0; d < D; ++d) yt[d] = 0.0f;
      for (int s = 0; s < 2; ++s) {
        const int64_t e = experts[s];
        for (int64_t f = 0; f < F; ++f) {
          const float* wr = w1 + (e * F + f) * D;
          float acc = 0.0f;
#pragma omp simd reduction(+ : acc)
          for (int64_t d = 0; d < D; ++d) acc += wr[d] * xt[d];
          hid[f] = acc > 0.0f ? acc : 0.0f;
        }
        for (int64_t d = 0; d < D; ++d) {
          const float* wr = w2 + (e * D + d) * F;
          float acc = 0.0f;
#pragma omp simd reduction(+ : acc)
          for (int64_t f = 0; f < F; ++f) acc += wr[f] * hid[f];
          yt[d] += gates[s] * acc;
        }
      }
    }
  }
}

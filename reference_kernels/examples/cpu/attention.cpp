// example for attention/sdpa
// Why it is fast: the dot products and the weighted sum of V are explicit simd reductions/loops (a plain
// float reduction is not vectorised without them), the score row lives in a per-thread buffer reused
// for every query, and the softmax normalisation is applied once to the D outputs instead of Sk times.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const float* Q, const float* K, const float* V, float* O, int64_t B, int64_t H, int64_t Sq,
                      int64_t Sk, int64_t D, float scale) {
#pragma omp parallel
  {
    std::vector<float> score(static_cast<std::size_t>(Sk));
    std::vector<float> acc(static_cast<std::size_t>(D));
#pragma omp for collapse(2) schedule(static)
    for (int64_t bh = 0; bh < B * H; ++bh)
      for (int64_t i = 0; i < Sq; ++i) {
        const float* q = Q + (bh * Sq + i) * D;
        const float* Kh = K + bh * Sk * D;
        const float* Vh = V + bh * Sk * D;
        float m = -INFINITY;
        for (int64_t j = 0; j < Sk; ++j) {
          const float* k = Kh + j * D;
          float dot = 0.0f;
#pragma omp simd reduction(+ : dot)
          for (int64_t d = 0; d < D; ++d) dot += q[d] * k[d];
          score[j] = dot * scale;
          m = score[j] > m ? score[j] : m;
        }
        float sum = 0.0f;
        for (int64_t j = 0; j < Sk; ++j) sum += (score[j] = std::exp(score[j] - m));
        for (int64_t d = 0; d < D; ++d) acc[d] = 0.0f;
        for (int64_t j = 0; j < Sk; ++j) {
          const float p = score[j];
          const float* v = Vh + j * D;
#pragma omp simd
          for (int64_t d = 0; d < D; ++d) acc[d] += p * v[d];
        }
        const float inv = 1.0f / sum;
        float* o = O + (bh * Sq + i) * D;
        for (int64_t d = 0; d < D; ++d) o[d] = acc[d] * inv;
      }
  }
}

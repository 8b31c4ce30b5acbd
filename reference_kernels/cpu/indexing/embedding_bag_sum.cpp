// CPU reference for indexing/embedding_bag_sum: one bag per iteration, weighted rows accumulated in float.
#include <cstdint>

extern "C" void solve(const float* weight, const int64_t* indices, const float* psw, float* out, int64_t V, int64_t B,
                      int64_t L, int64_t D) {
  (void)V;
#pragma omp parallel for schedule(static)
  for (int64_t b = 0; b < B; ++b) {
    float* o = out + b * D;
    for (int64_t d = 0; d < D; ++d) o[d] = 0.0f;
    for (int64_t l = 0; l < L; ++l) {
      const float w = psw[b * L + l];
      const float* row = weight + indices[b * L + l] * D;
#pragma omp simd
      for (int64_t d = 0; d < D; ++d) o[d] += w * row[d];
    }
  }
}

// CPU reference for reduction/mean_dim1_f16: float32 accumulators per output row, float16 in and out.
#include <cstdint>
#include <vector>

extern "C" void solve(const _Float16* x, _Float16* y, int64_t A, int64_t B, int64_t C) {
#pragma omp parallel for schedule(static)
  for (int64_t a = 0; a < A; ++a) {
    std::vector<float> acc(C, 0.0f);
    for (int64_t b = 0; b < B; ++b) {
      const _Float16* row = x + (a * B + b) * C;
#pragma omp simd
      for (int64_t c = 0; c < C; ++c) acc[c] += static_cast<float>(row[c]);
    }
    const float inv = 1.0f / static_cast<float>(B);
    for (int64_t c = 0; c < C; ++c) y[a * C + c] = static_cast<_Float16>(acc[c] * inv);
  }
}

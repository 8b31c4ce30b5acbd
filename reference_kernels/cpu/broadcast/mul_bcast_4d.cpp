// CPU reference for broadcast/mul_bcast_4d: one output row (b, c, h) per iteration, parallel over (b, c).
#include <cstdint>

extern "C" void solve(const float* a, const float* b, float* out, int64_t B, int64_t C, int64_t H, int64_t W) {
#pragma omp parallel for schedule(static)
  for (int64_t bc = 0; bc < B * C; ++bc) {
    const int64_t n = bc / C, c = bc % C;
    const float* brow = b + c * W;
    for (int64_t h = 0; h < H; ++h) {
      const float* arow = a + (n * H + h) * W;
      float* orow = out + (bc * H + h) * W;
#pragma omp simd
      for (int64_t w = 0; w < W; ++w) orow[w] = arow[w] * brow[w];
    }
  }
}

// example for layout/pixel_shuffle
// Why it is fast: the loops follow the output (unit-stride writes) and hoist every division out of the inner
// loop: for each output row (n, c, h*r + i) the r source channel rows are fixed, and the inner loop walks w with
// an unrolled j loop, so each source element is read once with small strides and no per-element div/mod.
#include <cstdint>

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t r) {
  const int64_t OW = W * r, plane = H * W;
#pragma omp parallel for collapse(3) schedule(static)
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t h = 0; h < H; ++h)
        for (int64_t i = 0; i < r; ++i) {
          // Source channels c*r*r + i*r + j for j < r, row h; output row h*r + i.
          const float* src = x + ((n * C + c) * r * r + i * r) * plane + h * W;
          float* dst = y + ((n * C + c) * H * r + h * r + i) * OW;
          if (r == 2) {
            const float* s0 = src;
            const float* s1 = src + plane;
#pragma omp simd
            for (int64_t w = 0; w < W; ++w) {
              dst[2 * w] = s0[w];
              dst[2 * w + 1] = s1[w];
            }
          } else {
            for (int64_t j = 0; j < r; ++j) {
              const float* s = src + j * plane;
              for (int64_t w = 0; w < W; ++w) dst[w * r + j] = s[w];
            }
          }
        }
}

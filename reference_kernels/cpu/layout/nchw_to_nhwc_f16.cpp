// CPU reference for layout/nchw_to_nhwc_f16: per image, a blocked transpose of [C, H*W] into [H*W, C].
#include <cstdint>

extern "C" void solve(const _Float16* x, _Float16* y, int64_t N, int64_t C, int64_t H, int64_t W) {
  constexpr int64_t kB = 32;
  const int64_t HW = H * W;
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t n = 0; n < N; ++n)
    for (int64_t p0 = 0; p0 < HW; p0 += kB) {
      const _Float16* xn = x + n * C * HW;
      _Float16* yn = y + n * HW * C;
      const int64_t p1 = p0 + kB < HW ? p0 + kB : HW;
      for (int64_t c0 = 0; c0 < C; c0 += kB) {
        const int64_t c1 = c0 + kB < C ? c0 + kB : C;
        for (int64_t p = p0; p < p1; ++p)
          for (int64_t c = c0; c < c1; ++c) yn[p * C + c] = xn[c * HW + p];
      }
    }
}

// CPU reference for convolution/conv1d: direct convolution, one (n, co) output row per OpenMP iteration.
#include <cstdint>

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t N, int64_t Cin,
                      int64_t L, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Lo) {
#pragma omp parallel for collapse(2) schedule(static)
  for (int64_t n = 0; n < N; ++n)
    for (int64_t co = 0; co < Cout; ++co) {
      float* yr = y + (n * Cout + co) * Lo;
      for (int64_t o = 0; o < Lo; ++o) yr[o] = bias[co];
      for (int64_t ci = 0; ci < Cin; ++ci) {
        const float* xr = x + (n * Cin + ci) * L;
        for (int64_t k = 0; k < K; ++k) {
          const float wv = weight[(co * Cin + ci) * K + k];
          for (int64_t o = 0; o < Lo; ++o) {
            const int64_t l = o * S - P + k;
            if (l >= 0 && l < L) yr[o] += wv * xr[l];
          }
        }
      }
    }
}

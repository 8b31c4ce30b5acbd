// CPU reference for pooling/maxpool1d: per row and output position, max over the in-bounds window.
#include <cstdint>
#include <limits>

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t L, int64_t K, int64_t S, int64_t P,
                      int64_t Lo) {
  const int64_t rows = N * C;
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t o = 0; o < Lo; ++o) {
      float m = -std::numeric_limits<float>::infinity();
      for (int64_t k = 0; k < K; ++k) {
        const int64_t l = o * S - P + k;
        if (l >= 0 && l < L && x[r * L + l] > m) m = x[r * L + l];
      }
      y[r * Lo + o] = m;
    }
}

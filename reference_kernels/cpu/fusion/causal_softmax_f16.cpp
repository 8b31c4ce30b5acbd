// CPU reference for fusion/causal_softmax_f16: per query row, max / exp-sum / normalise over keys j <= i in float,
// zeros above the diagonal.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" void solve(const _Float16* x, _Float16* y, int64_t batch, int64_t seq, float scale) {
#pragma omp parallel
  {
    std::vector<float> e(static_cast<size_t>(seq));
#pragma omp for collapse(2) schedule(static)
    for (int64_t b = 0; b < batch; ++b)
      for (int64_t i = 0; i < seq; ++i) {
        const _Float16* xr = x + (b * seq + i) * seq;
        _Float16* yr = y + (b * seq + i) * seq;
        float m = scale * static_cast<float>(xr[0]);
        for (int64_t j = 1; j <= i; ++j) m = std::fmax(m, scale * static_cast<float>(xr[j]));
        float s = 0.0f;
        for (int64_t j = 0; j <= i; ++j) s += (e[j] = std::exp(scale * static_cast<float>(xr[j]) - m));
        const float inv = 1.0f / s;
        for (int64_t j = 0; j <= i; ++j) yr[j] = static_cast<_Float16>(e[j] * inv);
        for (int64_t j = i + 1; j < seq; ++j) yr[j] = static_cast<_Float16>(0.0f);
      }
  }
}

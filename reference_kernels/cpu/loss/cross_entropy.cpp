// CPU reference for loss/cross_entropy: per row max, sum of exp(x - max) in double, then the mean.
#include <cmath>
#include <cstdint>

extern "C" void solve(const float* logits, const int64_t* target, float* out, int64_t N, int64_t C) {
  double total = 0.0;
#pragma omp parallel for reduction(+ : total) schedule(static)
  for (int64_t n = 0; n < N; ++n) {
    const float* row = logits + n * C;
    float m = row[0];
    for (int64_t c = 1; c < C; ++c) m = row[c] > m ? row[c] : m;
    double s = 0.0;
    for (int64_t c = 0; c < C; ++c) s += std::exp(row[c] - m);
    total += m + std::log(s) - row[target[n]];
  }
  out[0] = static_cast<float>(total / static_cast<double>(N));
}

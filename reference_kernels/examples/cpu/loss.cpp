// example for loss/cross_entropy
// Mean cross-entropy on the CPU. Per row: a vectorised max, then sum(exp(x - max)) with an inline
// polynomial exp (Cody-Waite reduction + degree-6 polynomial, relative error ~2e-7) so `omp simd` vectorises
// the loop that the reference spends in scalar std::exp calls; float lanes per row, a double across rows.
#include <cmath>
#include <cstdint>
#include <cstring>

namespace {
inline float fast_exp(float z) {  // for z <= 0 (x - max)
  z = z < -87.0f ? -87.0f : z;
  const float n = (z * 1.4426950408889634f + 12582912.0f) - 12582912.0f;  // round to nearest, branch-free
  const float r = (z - n * 0.693145751953125f) - n * 1.428606765330187e-06f;
  float p = 1.3888889e-3f;
  p = p * r + 8.3333333e-3f;
  p = p * r + 4.1666667e-2f;
  p = p * r + 1.6666667e-1f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}
}  // namespace

extern "C" void solve(const float* logits, const int64_t* target, float* out, int64_t N, int64_t C) {
  double total = 0.0;
#pragma omp parallel for reduction(+ : total) schedule(static)
  for (int64_t n = 0; n < N; ++n) {
    const float* row = logits + n * C;
    float m = row[0];
#pragma omp simd reduction(max : m)
    for (int64_t c = 0; c < C; ++c) m = row[c] > m ? row[c] : m;
    float s = 0.0f;
#pragma omp simd reduction(+ : s)
    for (int64_t c = 0; c < C; ++c) s += fast_exp(row[c] - m);
    total += static_cast<double>(m) + std::log(static_cast<double>(s)) - row[target[n]];
  }
  out[0] = static_cast<float>(total / static_cast<double>(N));
}

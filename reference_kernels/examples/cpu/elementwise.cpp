// example for elementwise/pow
// base^expo for positive bases on the CPU. std::pow per element does not vectorise; here pow is
// exp2(expo * log2(base)) with both halves inline: log2 splits the float into exponent and a mantissa in
// [sqrt(1/2), sqrt(2)) and evaluates 2*atanh((m-1)/(m+1)) as an odd series (error ~1e-9), exp2 splits off
// the integer part and evaluates 2^f with a degree-7 Taylor polynomial (error ~1e-8). Both use only
// arithmetic and bit casts, so `omp simd` vectorises the loop; relative error stays around 1e-6.
#include <cmath>
#include <cstdint>
#include <cstring>

namespace {
inline float log2_positive(float b) {
  int32_t bits;
  std::memcpy(&bits, &b, sizeof bits);
  int32_t e = ((bits >> 23) & 0xff) - 127;
  int32_t mbits = (bits & 0x7fffff) | 0x3f800000;
  float m;
  std::memcpy(&m, &mbits, sizeof m);
  const bool high = m > 1.41421356f;  // branch-free, so the loop vectorises
  m = high ? m * 0.5f : m;
  e += high ? 1 : 0;
  const float t = (m - 1.0f) / (m + 1.0f), t2 = t * t;
  const float series = t * (2.0f + t2 * (0.6666666667f + t2 * (0.4f + t2 * (0.2857142857f + t2 * 0.2222222222f))));
  return static_cast<float>(e) + series * 1.4426950408889634f;  // ln(m) / ln(2)
}

inline float exp2_any(float y) {
  y = y < -126.0f ? -126.0f : (y > 127.0f ? 127.0f : y);
  const float k = (y + 12582912.0f) - 12582912.0f;  // round to nearest, branch-free
  const float f = (y - k) * 0.6931471805599453f;  // |f| <= ln(2)/2
  float p = 1.9841270e-4f;
  p = p * f + 1.3888889e-3f;
  p = p * f + 8.3333333e-3f;
  p = p * f + 4.1666667e-2f;
  p = p * f + 1.6666667e-1f;
  p = p * f + 0.5f;
  p = p * f + 1.0f;
  p = p * f + 1.0f;
  const int32_t bits = (static_cast<int32_t>(k) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}
}  // namespace

extern "C" void solve(const float* base, const float* expo, float* out, int64_t n) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) out[i] = exp2_any(expo[i] * log2_positive(base[i]));
}

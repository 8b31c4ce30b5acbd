// example for activation/silu
// SiLU on float16 for the CPU. Two things keep the reference scalar: std::exp per element, and _Float16
// conversions, which GCC lowers to library calls on CPUs without AVX512-FP16. Here blocks of 512 values are
// widened to float with F16C (8 per instruction), the math runs in a vectorisable loop whose exp is an inline
// Cody-Waite range reduction plus a degree-6 polynomial (relative error ~2e-7, far below float16
// resolution), and the results are narrowed back with F16C. Threads split the blocks.
#include <immintrin.h>

#include <cstdint>
#include <cstring>

namespace {
inline float fast_exp(float z) {
  z = z < -87.0f ? -87.0f : (z > 88.0f ? 88.0f : z);
  const float n = (z * 1.4426950408889634f + 12582912.0f) - 12582912.0f;  // round to nearest, branch-free
  const float r = (z - n * 0.693145751953125f) - n * 1.428606765330187e-06f;  // z - n*ln2, two parts
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

extern "C" void solve(const _Float16* x, _Float16* y, int64_t n) {
  constexpr int64_t kBlock = 512;
#pragma omp parallel for schedule(static)
  for (int64_t b0 = 0; b0 < n; b0 += kBlock) {
    const int64_t len = n - b0 < kBlock ? n - b0 : kBlock;
    alignas(64) float buf[kBlock];
    int64_t i = 0;
#ifdef __F16C__
    for (; i + 8 <= len; i += 8)
      _mm256_store_ps(buf + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + b0 + i))));
#endif
    for (; i < len; ++i) buf[i] = static_cast<float>(x[b0 + i]);
#pragma omp simd
    for (int64_t k = 0; k < len; ++k) buf[k] = buf[k] / (1.0f + fast_exp(-buf[k]));
    i = 0;
#ifdef __F16C__
    for (; i + 8 <= len; i += 8)
      _mm_storeu_si128(reinterpret_cast<__m128i*>(y + b0 + i), _mm256_cvtps_ph(_mm256_load_ps(buf + i), _MM_FROUND_TO_NEAREST_INT));
#endif
    for (; i < len; ++i) y[b0 + i] = static_cast<_Float16>(buf[i]);
  }
}

// CPU reference for matmul/gemm_bf16_nt: C[i,j] = dot(A row i, B row j) in float32 over bfloat16 bit patterns,
// rounded to bfloat16 (nearest even) once.
#include <cstdint>
#include <cstring>

static inline float bf16_to_float(uint16_t b) {
  const uint32_t u = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

static inline uint16_t float_to_bf16(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  u += 0x7fffu + ((u >> 16) & 1u);
  return static_cast<uint16_t>(u >> 16);
}

extern "C" void solve(const uint16_t* A, const uint16_t* B, uint16_t* C, int64_t M, int64_t N, int64_t K) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < M; ++i)
    for (int64_t j = 0; j < N; ++j) {
      const uint16_t* a = A + i * K;
      const uint16_t* b = B + j * K;
      float s = 0.0f;
#pragma omp simd reduction(+ : s)
      for (int64_t k = 0; k < K; ++k) s += bf16_to_float(a[k]) * bf16_to_float(b[k]);
      C[i * N + j] = float_to_bf16(s);
    }
}

// CPU reference for attention/sdpa_f16: Q, K, V widened to float32 once, per query row in float32, O rounded once.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

static inline float to_float(float v) { return v; }
static inline float to_float(_Float16 v) { return static_cast<float>(v); }
static inline float to_float(uint16_t bf16) {  // bfloat16 bit pattern
  const uint32_t u = static_cast<uint32_t>(bf16) << 16;
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}
static inline void store(float& d, float v) { d = v; }
static inline void store(_Float16& d, float v) { d = static_cast<_Float16>(v); }
static inline void store(uint16_t& d, float v) {  // round to nearest even bfloat16
  uint32_t u;
  std::memcpy(&u, &v, sizeof u);
  u += 0x7fffu + ((u >> 16) & 1u);
  d = static_cast<uint16_t>(u >> 16);
}

// softmax(scale * q K^T) V for every (batch, head, query) row, in float32 with a per-thread score buffer.
// Query head h reads key/value head h / (H / Hkv); only the first `keys` keys count (causal, padding).
template <typename T>
static void attention_cpu(const T* Q, const T* K, const T* V, T* O, float* P, int64_t B, int64_t H, int64_t Hkv,
                          int64_t Sq, int64_t Sk, int64_t D, float scale, bool causal, const int32_t* lens) {
  const int64_t group = H / Hkv;
#pragma omp parallel
  {
    std::vector<float> score(static_cast<std::size_t>(Sk)), acc(static_cast<std::size_t>(D));
#pragma omp for collapse(3) schedule(static)
    for (int64_t b = 0; b < B; ++b)
      for (int64_t h = 0; h < H; ++h)
        for (int64_t i = 0; i < Sq; ++i) {
          const T* q = Q + ((b * H + h) * Sq + i) * D;
          const int64_t kv = b * Hkv + h / group;
          int64_t keys = lens ? static_cast<int64_t>(lens[b]) : Sk;
          if (causal && keys > i + 1) keys = i + 1;
          float m = -INFINITY;
          for (int64_t j = 0; j < keys; ++j) {
            const T* k = K + (kv * Sk + j) * D;
            float dot = 0.0f;
            for (int64_t d = 0; d < D; ++d) dot += to_float(q[d]) * to_float(k[d]);
            score[j] = scale * dot;
            m = score[j] > m ? score[j] : m;
          }
          float sum = 0.0f;
          for (int64_t j = 0; j < keys; ++j) sum += (score[j] = std::exp(score[j] - m));
          const float inv = 1.0f / sum;
          if (P) {
            float* prow = P + ((b * H + h) * Sq + i) * Sk;
            for (int64_t j = 0; j < Sk; ++j) prow[j] = j < keys ? score[j] * inv : 0.0f;
          }
          if (O) {
            for (int64_t d = 0; d < D; ++d) acc[d] = 0.0f;
            for (int64_t j = 0; j < keys; ++j) {
              const T* v = V + (kv * Sk + j) * D;
              for (int64_t d = 0; d < D; ++d) acc[d] += score[j] * to_float(v[d]);
            }
            T* o = O + ((b * H + h) * Sq + i) * D;
            for (int64_t d = 0; d < D; ++d) store(o[d], acc[d] * inv);
          }
        }
  }
}

extern "C" void solve(const _Float16* Q, const _Float16* K, const _Float16* V, _Float16* O, int64_t B, int64_t H, int64_t Sq,
                      int64_t Sk, int64_t D, float scale) {
  const int64_t nq = B * H * Sq * D, nk = B * H * Sk * D;
  std::vector<float> Qf(static_cast<std::size_t>(nq)), Kf(static_cast<std::size_t>(nk)), Vf(static_cast<std::size_t>(nk));
  std::vector<float> Of(static_cast<std::size_t>(nq));
#pragma omp parallel for schedule(static)
  for (int64_t e = 0; e < nq; ++e) Qf[e] = static_cast<float>(Q[e]);
#pragma omp parallel for schedule(static)
  for (int64_t e = 0; e < nk; ++e) {
    Kf[e] = static_cast<float>(K[e]);
    Vf[e] = static_cast<float>(V[e]);
  }
  attention_cpu<float>(Qf.data(), Kf.data(), Vf.data(), Of.data(), nullptr, B, H, H, Sq, Sk, D, scale, false, nullptr);
#pragma omp parallel for schedule(static)
  for (int64_t e = 0; e < nq; ++e) O[e] = static_cast<_Float16>(Of[e]);
}

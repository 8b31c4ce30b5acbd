// Oracles (float64 truth, float32 honest variant) for the attention category: one generic softmax(scale * Q K^T) V over (batch, head, query),
// with the key/value head, the causal limit and the key-padding length chosen per task.
#include <algorithm>
#include <cmath>
#include <vector>

#include "reference_kernels/oracles/oracle.hpp"

namespace {

template <class real>
struct AttentionShape {
  std::int64_t B, H, Hkv, Sq, Sk, D;
  real scale;
  bool causal = false;
  const real* lens = nullptr;  // per-batch number of real keys, or null
};

// Writes O[B,H,Sq,D] (when `O` is set) or P[B,H,Sq,Sk] (when `P` is set).
template <class real>
void attention_oracle(const AttentionShape<real>& s, const real* Q, const real* K, const real* V, real* O,
                      real* P) {
  const std::int64_t group = s.H / s.Hkv;
#pragma omp parallel for collapse(3) schedule(static)
  for (std::int64_t b = 0; b < s.B; ++b)
    for (std::int64_t h = 0; h < s.H; ++h)
      for (std::int64_t i = 0; i < s.Sq; ++i) {
        const real* q = Q + ((b * s.H + h) * s.Sq + i) * s.D;
        const std::int64_t kv = b * s.Hkv + h / group;
        std::int64_t keys = s.lens ? static_cast<std::int64_t>(s.lens[b]) : s.Sk;
        if (s.causal) keys = std::min(keys, i + 1);
        std::vector<real> score(static_cast<std::size_t>(s.Sk), 0.0);
        real m = -INFINITY;
        for (std::int64_t j = 0; j < keys; ++j) {
          const real* k = K + (kv * s.Sk + j) * s.D;
          real dot = 0.0;
          for (std::int64_t d = 0; d < s.D; ++d) dot += q[d] * k[d];
          score[j] = s.scale * dot;
          m = std::max(m, score[j]);
        }
        real sum = 0.0;
        for (std::int64_t j = 0; j < keys; ++j) sum += (score[j] = std::exp(score[j] - m));
        for (std::int64_t j = 0; j < keys; ++j) score[j] /= sum;
        if (P) {
          real* prow = P + ((b * s.H + h) * s.Sq + i) * s.Sk;
          for (std::int64_t j = 0; j < s.Sk; ++j) prow[j] = score[j];
        }
        if (O) {
          real* o = O + ((b * s.H + h) * s.Sq + i) * s.D;
          for (std::int64_t d = 0; d < s.D; ++d) o[d] = 0.0;
          for (std::int64_t j = 0; j < keys; ++j) {
            const real* v = V + (kv * s.Sk + j) * s.D;
            for (std::int64_t d = 0; d < s.D; ++d) o[d] += score[j] * v[d];
          }
        }
      }
}

template <class real>
AttentionShape<real> dense_shape(const kbench::OracleCallT<real>& call) {
  return {call.size("B"), call.size("H"), call.size("H"), call.size("Sq"), call.size("Sk"), call.size("D"),
          call.scalar("scale")};
}

template <class real>
AttentionShape<real> causal_shape(const kbench::OracleCallT<real>& call) {
  AttentionShape<real> s{call.size("B"), call.size("H"), call.size("H"), call.size("S"), call.size("S"), call.size("D"),
                   call.scalar("scale")};
  s.causal = true;
  return s;
}

}  // namespace

KBENCH_ORACLE("attention/sdpa") {
  attention_oracle<real>(dense_shape(call), call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/sdpa_f16") {
  attention_oracle<real>(dense_shape(call), call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/causal_attention") {
  attention_oracle<real>(causal_shape(call), call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/causal_attention_bf16") {
  attention_oracle<real>(causal_shape(call), call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/multi_query_attention") {
  auto s = dense_shape(call);
  s.Hkv = 1;
  attention_oracle<real>(s, call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/grouped_query_attention") {
  auto s = dense_shape(call);
  s.Hkv = call.size("Hkv");
  attention_oracle<real>(s, call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/key_padding_attention") {
  auto s = dense_shape(call);
  s.lens = call.in("lens");
  attention_oracle<real>(s, call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/attention_scores") {
  attention_oracle<real>(dense_shape(call), call.in("Q"), call.in("K"), nullptr, nullptr, call.out("P"));
}

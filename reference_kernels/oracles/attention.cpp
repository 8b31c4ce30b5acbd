// Float64 oracles for the attention category: one generic softmax(scale * Q K^T) V over (batch, head, query),
// with the key/value head, the causal limit and the key-padding length chosen per task.
#include <algorithm>
#include <cmath>
#include <vector>

#include "reference_kernels/oracles/oracle.hpp"

namespace {

struct AttentionShape {
  std::int64_t B, H, Hkv, Sq, Sk, D;
  double scale;
  bool causal = false;
  const double* lens = nullptr;  // per-batch number of real keys, or null
};

// Writes O[B,H,Sq,D] (when `O` is set) or P[B,H,Sq,Sk] (when `P` is set).
void attention_oracle(const AttentionShape& s, const double* Q, const double* K, const double* V, double* O,
                      double* P) {
  const std::int64_t group = s.H / s.Hkv;
#pragma omp parallel for collapse(3) schedule(static)
  for (std::int64_t b = 0; b < s.B; ++b)
    for (std::int64_t h = 0; h < s.H; ++h)
      for (std::int64_t i = 0; i < s.Sq; ++i) {
        const double* q = Q + ((b * s.H + h) * s.Sq + i) * s.D;
        const std::int64_t kv = b * s.Hkv + h / group;
        std::int64_t keys = s.lens ? static_cast<std::int64_t>(s.lens[b]) : s.Sk;
        if (s.causal) keys = std::min(keys, i + 1);
        std::vector<double> score(static_cast<std::size_t>(s.Sk), 0.0);
        double m = -INFINITY;
        for (std::int64_t j = 0; j < keys; ++j) {
          const double* k = K + (kv * s.Sk + j) * s.D;
          double dot = 0.0;
          for (std::int64_t d = 0; d < s.D; ++d) dot += q[d] * k[d];
          score[j] = s.scale * dot;
          m = std::max(m, score[j]);
        }
        double sum = 0.0;
        for (std::int64_t j = 0; j < keys; ++j) sum += (score[j] = std::exp(score[j] - m));
        for (std::int64_t j = 0; j < keys; ++j) score[j] /= sum;
        if (P) {
          double* prow = P + ((b * s.H + h) * s.Sq + i) * s.Sk;
          for (std::int64_t j = 0; j < s.Sk; ++j) prow[j] = score[j];
        }
        if (O) {
          double* o = O + ((b * s.H + h) * s.Sq + i) * s.D;
          for (std::int64_t d = 0; d < s.D; ++d) o[d] = 0.0;
          for (std::int64_t j = 0; j < keys; ++j) {
            const double* v = V + (kv * s.Sk + j) * s.D;
            for (std::int64_t d = 0; d < s.D; ++d) o[d] += score[j] * v[d];
          }
        }
      }
}

AttentionShape dense_shape(const kbench::OracleCall& call) {
  return {call.size("B"), call.size("H"), call.size("H"), call.size("Sq"), call.size("Sk"), call.size("D"),
          call.scalar("scale")};
}

AttentionShape causal_shape(const kbench::OracleCall& call) {
  AttentionShape s{call.size("B"), call.size("H"), call.size("H"), call.size("S"), call.size("S"), call.size("D"),
                   call.scalar("scale")};
  s.causal = true;
  return s;
}

}  // namespace

KBENCH_ORACLE("attention/sdpa") {
  attention_oracle(dense_shape(call), call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/sdpa_f16") {
  attention_oracle(dense_shape(call), call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/causal_attention") {
  attention_oracle(causal_shape(call), call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/causal_attention_bf16") {
  attention_oracle(causal_shape(call), call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/multi_query_attention") {
  AttentionShape s = dense_shape(call);
  s.Hkv = 1;
  attention_oracle(s, call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/grouped_query_attention") {
  AttentionShape s = dense_shape(call);
  s.Hkv = call.size("Hkv");
  attention_oracle(s, call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/key_padding_attention") {
  AttentionShape s = dense_shape(call);
  s.lens = call.in("lens");
  attention_oracle(s, call.in("Q"), call.in("K"), call.in("V"), call.out("O"), nullptr);
}

KBENCH_ORACLE("attention/attention_scores") {
  attention_oracle(dense_shape(call), call.in("Q"), call.in("K"), nullptr, nullptr, call.out("P"));
}

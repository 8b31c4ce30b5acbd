// Oracles (float64 truth, float32 honest variant) for the loss category.
#include <algorithm>
#include <cmath>

#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("loss/mse_loss") {
  const real* pred = call.in("pred");
  const real* target = call.in("target");
  const std::int64_t n = call.size("n");
  real s = 0.0;
  for (std::int64_t i = 0; i < n; ++i) s += (pred[i] - target[i]) * (pred[i] - target[i]);
  call.out("out")[0] = s / static_cast<real>(n);
}

namespace {
// log(sum exp(row[c])) over c < C, with the row maximum subtracted.
template <class real>
real logsumexp(const real* row, std::int64_t C) {
  real m = row[0];
  for (std::int64_t c = 1; c < C; ++c) m = std::max(m, row[c]);
  real s = 0.0;
  for (std::int64_t c = 0; c < C; ++c) s += std::exp(row[c] - m);
  return m + std::log(s);
}
}  // namespace

KBENCH_ORACLE("loss/cross_entropy") {
  const real* logits = call.in("logits");
  const real* target = call.in("target");
  const std::int64_t N = call.size("N"), C = call.size("C");
  real total = 0.0;
#pragma omp parallel for reduction(+ : total) schedule(static)
  for (std::int64_t n = 0; n < N; ++n) {
    const real* row = logits + n * C;
    total += logsumexp(row, C) - row[static_cast<std::int64_t>(target[n])];
  }
  call.out("out")[0] = total / static_cast<real>(N);
}

KBENCH_ORACLE("loss/smooth_l1") {
  const real* pred = call.in("pred");
  const real* target = call.in("target");
  const std::int64_t n = call.size("n");
  const real beta = call.scalar("beta");
  real s = 0.0;
  for (std::int64_t i = 0; i < n; ++i) {
    const real d = std::fabs(pred[i] - target[i]);
    s += d < beta ? 0.5 * d * d / beta : d - 0.5 * beta;
  }
  call.out("out")[0] = s / static_cast<real>(n);
}

KBENCH_ORACLE("loss/kl_div_logits") {
  const real* logits = call.in("logits");
  const real* target_logits = call.in("target_logits");
  const std::int64_t N = call.size("N"), C = call.size("C");
  real total = 0.0;
#pragma omp parallel for reduction(+ : total) schedule(static)
  for (std::int64_t n = 0; n < N; ++n) {
    const real* q = logits + n * C;
    const real* p = target_logits + n * C;
    const real lse_q = logsumexp(q, C), lse_p = logsumexp(p, C);
    real s = 0.0;
    for (std::int64_t c = 0; c < C; ++c) {
      const real log_p = p[c] - lse_p, log_q = q[c] - lse_q;
      s += std::exp(log_p) * (log_p - log_q);
    }
    total += s;
  }
  call.out("out")[0] = total / static_cast<real>(N);
}

KBENCH_ORACLE("loss/bce_with_logits_bf16") {
  const real* logits = call.in("logits");
  const real* target = call.in("target");
  const std::int64_t n = call.size("n");
  real s = 0.0;
  for (std::int64_t i = 0; i < n; ++i) {
    const real x = logits[i];
    s += std::max<real>(x, 0.0) - x * target[i] + std::log1p(std::exp(-std::fabs(x)));
  }
  call.out("out")[0] = s / static_cast<real>(n);
}

KBENCH_ORACLE("loss/hinge") {
  const real* score = call.in("score");
  const real* label = call.in("label");
  const std::int64_t n = call.size("n");
  real s = 0.0;
  for (std::int64_t i = 0; i < n; ++i) s += std::max<real>(0.0, 1.0 - (2.0 * label[i] - 1.0) * score[i]);
  call.out("out")[0] = s / static_cast<real>(n);
}

KBENCH_ORACLE("loss/cosine_embedding") {
  const real* a = call.in("a");
  const real* b = call.in("b");
  const real* y = call.in("y");
  const std::int64_t N = call.size("N"), D = call.size("D");
  const real margin = call.scalar("margin");
  real total = 0.0;
  for (std::int64_t n = 0; n < N; ++n) {
    real ab = 0.0, aa = 0.0, bb = 0.0;
    for (std::int64_t k = 0; k < D; ++k) {
      ab += a[n * D + k] * b[n * D + k];
      aa += a[n * D + k] * a[n * D + k];
      bb += b[n * D + k] * b[n * D + k];
    }
    const real cos = ab / std::sqrt(aa * bb);
    total += y[n] == 1.0 ? 1.0 - cos : std::max<real>(0.0, cos - margin);
  }
  call.out("out")[0] = total / static_cast<real>(N);
}

KBENCH_ORACLE("loss/triplet_margin") {
  const real* anchor = call.in("anchor");
  const real* positive = call.in("positive");
  const real* negative = call.in("negative");
  const std::int64_t N = call.size("N"), D = call.size("D");
  const real margin = call.scalar("margin"), eps = 1e-6;
  real total = 0.0;
  for (std::int64_t n = 0; n < N; ++n) {
    real sp = 0.0, sn = 0.0;
    for (std::int64_t k = 0; k < D; ++k) {
      const real dp = anchor[n * D + k] - positive[n * D + k] + eps;
      const real dn = anchor[n * D + k] - negative[n * D + k] + eps;
      sp += dp * dp;
      sn += dn * dn;
    }
    total += std::max<real>(0.0, std::sqrt(sp) - std::sqrt(sn) + margin);
  }
  call.out("out")[0] = total / static_cast<real>(N);
}

// Oracles (float64 truth, float32 honest variant) for the optimizer category: one update step, new parameters and states as outputs.
#include <cmath>

#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("optimizer/sgd_momentum") {
  const real *p = call.in("param"), *g = call.in("grad"), *buf = call.in("buf");
  real *p_out = call.out("param_out"), *buf_out = call.out("buf_out");
  const real lr = call.scalar("lr"), mu = call.scalar("momentum"), wd = call.scalar("weight_decay");
  const std::int64_t n = call.size("n");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    buf_out[i] = mu * buf[i] + (g[i] + wd * p[i]);
    p_out[i] = p[i] - lr * buf_out[i];
  }
}

namespace {

// Adam / AdamW (decoupled weight decay `wd`, 0 for Adam).
template <class real>
void adam_oracle(const kbench::OracleCallT<real>& call, real wd) {
  const real *p = call.in("param"), *g = call.in("grad"), *m = call.in("m"), *v = call.in("v");
  real *p_out = call.out("param_out"), *m_out = call.out("m_out"), *v_out = call.out("v_out");
  const real lr = call.scalar("lr"), b1 = call.scalar("beta1"), b2 = call.scalar("beta2"), eps = call.scalar("eps");
  const real step = call.scalar("step");
  const real c1 = 1.0 - std::pow(b1, step), c2 = 1.0 - std::pow(b2, step);
  const std::int64_t n = call.size("n");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    m_out[i] = b1 * m[i] + (1.0 - b1) * g[i];
    v_out[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
    p_out[i] = p[i] * (1.0 - lr * wd) - lr * (m_out[i] / c1) / (std::sqrt(v_out[i] / c2) + eps);
  }
}

}  // namespace

KBENCH_ORACLE("optimizer/adam") { adam_oracle<real>(call, 0.0); }
KBENCH_ORACLE("optimizer/adamw") { adam_oracle<real>(call, call.scalar("weight_decay")); }

KBENCH_ORACLE("optimizer/rmsprop") {
  const real *p = call.in("param"), *g = call.in("grad"), *sq = call.in("sq");
  real *p_out = call.out("param_out"), *sq_out = call.out("sq_out");
  const real lr = call.scalar("lr"), alpha = call.scalar("alpha"), eps = call.scalar("eps");
  const std::int64_t n = call.size("n");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    sq_out[i] = alpha * sq[i] + (1.0 - alpha) * g[i] * g[i];
    p_out[i] = p[i] - lr * g[i] / (std::sqrt(sq_out[i]) + eps);
  }
}

KBENCH_ORACLE("optimizer/adagrad") {
  const real *p = call.in("param"), *g = call.in("grad"), *sum = call.in("sum");
  real *p_out = call.out("param_out"), *sum_out = call.out("sum_out");
  const real lr = call.scalar("lr"), eps = call.scalar("eps");
  const std::int64_t n = call.size("n");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    sum_out[i] = sum[i] + g[i] * g[i];
    p_out[i] = p[i] - lr * g[i] / (std::sqrt(sum_out[i]) + eps);
  }
}

KBENCH_ORACLE("optimizer/adadelta") {
  const real *p = call.in("param"), *g = call.in("grad"), *sq = call.in("sq"), *acc = call.in("acc_delta");
  real *p_out = call.out("param_out"), *sq_out = call.out("sq_out"), *acc_out = call.out("acc_delta_out");
  const real lr = call.scalar("lr"), rho = call.scalar("rho"), eps = call.scalar("eps");
  const std::int64_t n = call.size("n");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    sq_out[i] = rho * sq[i] + (1.0 - rho) * g[i] * g[i];
    const real delta = std::sqrt(acc[i] + eps) / std::sqrt(sq_out[i] + eps) * g[i];
    acc_out[i] = rho * acc[i] + (1.0 - rho) * delta * delta;
    p_out[i] = p[i] - lr * delta;
  }
}

KBENCH_ORACLE("optimizer/lamb") {
  const real *p = call.in("param"), *g = call.in("grad"), *m = call.in("m"), *v = call.in("v");
  real *p_out = call.out("param_out"), *m_out = call.out("m_out"), *v_out = call.out("v_out");
  const real lr = call.scalar("lr"), b1 = call.scalar("beta1"), b2 = call.scalar("beta2"), eps = call.scalar("eps");
  const real wd = call.scalar("weight_decay"), step = call.scalar("step");
  const real c1 = 1.0 - std::pow(b1, step), c2 = 1.0 - std::pow(b2, step);
  const std::int64_t L = call.size("L"), n = call.size("n");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < L; ++r) {
    real pn = 0.0, un = 0.0;
    for (std::int64_t i = r * n; i < (r + 1) * n; ++i) {
      m_out[i] = b1 * m[i] + (1.0 - b1) * g[i];
      v_out[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
      const real u = (m_out[i] / c1) / (std::sqrt(v_out[i] / c2) + eps) + wd * p[i];
      p_out[i] = u;  // holds u until the ratio is known
      pn += p[i] * p[i];
      un += u * u;
    }
    const real ratio = (pn > 0.0 && un > 0.0) ? std::sqrt(pn) / std::sqrt(un) : 1.0;
    for (std::int64_t i = r * n; i < (r + 1) * n; ++i) p_out[i] = p[i] - lr * ratio * p_out[i];
  }
}

KBENCH_ORACLE("optimizer/clip_grad_norm") {
  const real* g = call.in("grad");
  real* g_out = call.out("grad_out");
  const std::int64_t n = call.size("n");
  real ss = 0.0;
#pragma omp parallel for reduction(+ : ss) schedule(static)
  for (std::int64_t i = 0; i < n; ++i) ss += g[i] * g[i];
  const real total = std::sqrt(ss);
  call.out("total_norm")[0] = total;
  const real coef = call.scalar("max_norm") / (total + 1e-6);
  const real scale = coef < 1.0 ? coef : 1.0;
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) g_out[i] = g[i] * scale;
}

// Oracles (float64 truth, float32 honest variant) for the elementwise category.
#include <algorithm>
#include <cmath>

#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("elementwise/vector_add") {
  const real* a = call.in("a");
  const real* b = call.in("b");
  real* c = call.out("c");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) c[i] = a[i] + b[i];
}

KBENCH_ORACLE("elementwise/axpby") {
  const real* x = call.in("x");
  const real* y = call.in("y");
  real* out = call.out("out");
  const real alpha = call.scalar("alpha"), beta = call.scalar("beta");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) out[i] = alpha * x[i] + beta * y[i];
}

KBENCH_ORACLE("elementwise/fma3") {
  const real* a = call.in("a");
  const real* b = call.in("b");
  const real* c = call.in("c");
  real* d = call.out("d");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) d[i] = a[i] * b[i] + c[i];
}

KBENCH_ORACLE("elementwise/clamp") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const real lo = call.scalar("lo"), hi = call.scalar("hi");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) y[i] = std::min(std::max(x[i], lo), hi);
}

KBENCH_ORACLE("elementwise/where_select") {
  const real* cond = call.in("cond");
  const real* a = call.in("a");
  const real* b = call.in("b");
  real* out = call.out("out");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) out[i] = cond[i] != 0.0 ? a[i] : b[i];
}

KBENCH_ORACLE("elementwise/pow") {
  const real* base = call.in("base");
  const real* expo = call.in("expo");
  real* out = call.out("out");
  const std::int64_t n = call.size("n");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) out[i] = std::pow(base[i], expo[i]);
}

KBENCH_ORACLE("elementwise/abs_diff") {
  const real* a = call.in("a");
  const real* b = call.in("b");
  real* out = call.out("out");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) out[i] = std::fabs(a[i] - b[i]);
}

KBENCH_ORACLE("elementwise/add_f16") {
  const real* a = call.in("a");
  const real* b = call.in("b");
  real* c = call.out("c");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) c[i] = a[i] + b[i];
}

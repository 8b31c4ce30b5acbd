// Float64 oracles for the elementwise category.
#include <algorithm>
#include <cmath>

#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("elementwise/vector_add") {
  const double* a = call.in("a");
  const double* b = call.in("b");
  double* c = call.out("c");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) c[i] = a[i] + b[i];
}

KBENCH_ORACLE("elementwise/axpby") {
  const double* x = call.in("x");
  const double* y = call.in("y");
  double* out = call.out("out");
  const double alpha = call.scalar("alpha"), beta = call.scalar("beta");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) out[i] = alpha * x[i] + beta * y[i];
}

KBENCH_ORACLE("elementwise/fma3") {
  const double* a = call.in("a");
  const double* b = call.in("b");
  const double* c = call.in("c");
  double* d = call.out("d");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) d[i] = a[i] * b[i] + c[i];
}

KBENCH_ORACLE("elementwise/clamp") {
  const double* x = call.in("x");
  double* y = call.out("y");
  const double lo = call.scalar("lo"), hi = call.scalar("hi");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) y[i] = std::min(std::max(x[i], lo), hi);
}

KBENCH_ORACLE("elementwise/where_select") {
  const double* cond = call.in("cond");
  const double* a = call.in("a");
  const double* b = call.in("b");
  double* out = call.out("out");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) out[i] = cond[i] != 0.0 ? a[i] : b[i];
}

KBENCH_ORACLE("elementwise/pow") {
  const double* base = call.in("base");
  const double* expo = call.in("expo");
  double* out = call.out("out");
  const std::int64_t n = call.size("n");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) out[i] = std::pow(base[i], expo[i]);
}

KBENCH_ORACLE("elementwise/abs_diff") {
  const double* a = call.in("a");
  const double* b = call.in("b");
  double* out = call.out("out");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) out[i] = std::fabs(a[i] - b[i]);
}

KBENCH_ORACLE("elementwise/add_f16") {
  const double* a = call.in("a");
  const double* b = call.in("b");
  double* c = call.out("c");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) c[i] = a[i] + b[i];
}

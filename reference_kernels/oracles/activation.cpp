// Oracles (float64 truth, float32 honest variant) for the activation category.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "reference_kernels/oracles/oracle.hpp"

namespace {
// Applies f element-wise from input "x" to output "y" over size "n".
template <class real, class F>
void map_xy(const kbench::OracleCallT<real>& call, F f) {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t n = call.size("n");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) y[i] = f(x[i]);
}

template <class real>
real softplus(real v) { return v > 0.0 ? v + std::log1p(std::exp(-v)) : std::log1p(std::exp(v)); }
}  // namespace

KBENCH_ORACLE("activation/relu") {
  const real* x = call.in("x");
  real* y = call.out("y");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) y[i] = std::max<real>(x[i], 0.0);
}

KBENCH_ORACLE("activation/gelu_tanh") {
  const real k = std::sqrt(2.0 / std::numbers::pi);
  map_xy(call, [k](real x) { return 0.5 * x * (1.0 + std::tanh(k * (x + 0.044715 * x * x * x))); });
}

KBENCH_ORACLE("activation/gelu_erf") {
  map_xy(call, [](real x) { return 0.5 * x * (1.0 + std::erf(x / std::numbers::sqrt2)); });
}

KBENCH_ORACLE("activation/silu") {
  map_xy(call, [](real x) { return x / (1.0 + std::exp(-x)); });
}

KBENCH_ORACLE("activation/leaky_relu") {
  const real slope = call.scalar("negative_slope");
  map_xy(call, [slope](real x) { return x > 0.0 ? x : slope * x; });
}

KBENCH_ORACLE("activation/elu") {
  const real alpha = call.scalar("alpha");
  map_xy(call, [alpha](real x) { return x > 0.0 ? x : alpha * std::expm1(x); });
}

KBENCH_ORACLE("activation/hardswish") {
  map_xy(call, [](real x) { return x * std::clamp(x + 3.0, 0.0, 6.0) / 6.0; });
}

KBENCH_ORACLE("activation/softplus") {
  const real beta = call.scalar("beta"), threshold = call.scalar("threshold");
  map_xy(call, [beta, threshold](real x) { return beta * x > threshold ? x : softplus(beta * x) / beta; });
}

KBENCH_ORACLE("activation/mish") {
  map_xy(call, [](real x) { return x * std::tanh(softplus(x)); });
}

// Float64 oracles for the loss category.
#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("loss/mse_loss") {
  const double* pred = call.in("pred");
  const double* target = call.in("target");
  const std::int64_t n = call.size("n");
  double s = 0.0;
  for (std::int64_t i = 0; i < n; ++i) s += (pred[i] - target[i]) * (pred[i] - target[i]);
  call.out("out")[0] = s / static_cast<double>(n);
}

// Float64 oracles for the activation category.
#include <algorithm>

#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("activation/relu") {
  const double* x = call.in("x");
  double* y = call.out("y");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) y[i] = std::max(x[i], 0.0);
}

// Float64 oracles for the elementwise category.
#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("elementwise/vector_add") {
  const double* a = call.in("a");
  const double* b = call.in("b");
  double* c = call.out("c");
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) c[i] = a[i] + b[i];
}

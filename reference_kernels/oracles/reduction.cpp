// Float64 oracles for the reduction category.
#include "reference_kernels/oracles/oracle.hpp"

KBENCH_ORACLE("reduction/sum_rows") {
  const double* x = call.in("x");
  double* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    double s = 0.0;
    for (std::int64_t c = 0; c < cols; ++c) s += x[r * cols + c];
    y[r] = s;
  }
}

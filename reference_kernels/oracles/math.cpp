// Oracles (float64 truth, float32 honest variant) for the math category (scans, sorting, polynomial evaluation, segmented sums).
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "reference_kernels/oracles/oracle.hpp"

namespace {
// Inclusive scan of every row of a [rows, cols] matrix with `op`.
template <class real, class Op>
void scan_rows(const kbench::OracleCallT<real>& call, Op op) {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    real acc = x[r * cols];
    y[r * cols] = acc;
    for (std::int64_t c = 1; c < cols; ++c) y[r * cols + c] = acc = op(acc, x[r * cols + c]);
  }
}
}  // namespace

KBENCH_ORACLE("math/cumsum_rows") {
  scan_rows(call, [](real a, real b) { return a + b; });
}

KBENCH_ORACLE("math/cumprod_rows") {
  scan_rows(call, [](real a, real b) { return a * b; });
}

KBENCH_ORACLE("math/cummax_rows_f16") {
  scan_rows(call, [](real a, real b) { return std::max(a, b); });
}

KBENCH_ORACLE("math/exclusive_scan_i64") {
  const real* x = call.in("x");
  real* y = call.out("y");
  std::int64_t acc = 0;  // exact: integer inputs, integer sum
  for (std::int64_t i = 0, n = call.size("n"); i < n; ++i) {
    y[i] = static_cast<real>(acc);
    acc += static_cast<std::int64_t>(x[i]);
  }
}

KBENCH_ORACLE("math/sort_rows") {
  const real* x = call.in("x");
  real* y = call.out("y");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    std::copy(x + r * cols, x + (r + 1) * cols, y + r * cols);
    std::sort(y + r * cols, y + (r + 1) * cols);
  }
}

KBENCH_ORACLE("math/argsort_rows") {
  const real* x = call.in("x");
  real* idx = call.out("idx");
  const std::int64_t rows = call.size("rows"), cols = call.size("cols");
#pragma omp parallel for schedule(static)
  for (std::int64_t r = 0; r < rows; ++r) {
    const real* xr = x + r * cols;
    std::vector<std::int64_t> order(cols);
    std::iota(order.begin(), order.end(), std::int64_t{0});
    std::stable_sort(order.begin(), order.end(), [xr](std::int64_t a, std::int64_t b) { return xr[a] < xr[b]; });
    for (std::int64_t c = 0; c < cols; ++c) idx[r * cols + c] = static_cast<real>(order[c]);
  }
}

KBENCH_ORACLE("math/polyval") {
  const real* x = call.in("x");
  const real* coeffs = call.in("coeffs");
  real* y = call.out("y");
  const std::int64_t n = call.size("n"), degree = call.size("degree");
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    real acc = coeffs[degree];
    for (std::int64_t k = degree - 1; k >= 0; --k) acc = acc * x[i] + coeffs[k];
    y[i] = acc;
  }
}

KBENCH_ORACLE("math/segment_sum") {
  const real* values = call.in("values");
  const real* lengths = call.in("lengths");
  real* out = call.out("out");
  std::int64_t offset = 0;
  for (std::int64_t s = 0, S = call.size("S"); s < S; ++s) {
    const auto len = static_cast<std::int64_t>(lengths[s]);
    real acc = 0.0;
    for (std::int64_t k = 0; k < len; ++k) acc += values[offset + k];
    out[s] = acc;
    offset += len;
  }
}

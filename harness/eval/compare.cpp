// Output comparison (see compare.hpp). Parallel over elements: outputs at bench shapes have ~1e8 elements.
#include "harness/eval/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace kbench {

namespace {

struct Bounds {
  bool exact;
  double abs_bound, rtol;
};

// Whether element i is acceptable; `g` is the candidate's value, `e` the expected one.
bool element_ok(double g, double e, const Bounds& b) {
  if (!std::isfinite(e)) return std::isnan(e) ? std::isnan(g) : g == e;
  if (!std::isfinite(g)) return false;
  const double err = std::abs(g - e);
  return b.exact ? err == 0 : err <= b.abs_bound + b.rtol * std::abs(e);
}

}  // namespace

CompareResult compare_output(const std::string& name, DType t, const void* got, const std::vector<double>& expected,
                             const Tolerance& tol) {
  CompareResult r;
  r.metrics.failing_output = name;
  const auto n = static_cast<std::int64_t>(expected.size());
  double sum_sq_ref = 0;
#pragma omp parallel for reduction(+ : sum_sq_ref) schedule(static) if (n > 65536)
  for (std::int64_t i = 0; i < n; ++i)
    if (std::isfinite(expected[i])) sum_sq_ref += expected[i] * expected[i];
  const double rms = n ? std::sqrt(sum_sq_ref / static_cast<double>(n)) : 0.0;
  const Bounds bounds{!is_floating(t), tol.atol * std::max(1.0, rms), tol.rtol};

  double sum_sq_err = 0, max_abs = 0, max_rel = 0;
  std::int64_t first_bad = std::numeric_limits<std::int64_t>::max();
#pragma omp parallel for reduction(+ : sum_sq_err) reduction(max : max_abs, max_rel) reduction(min : first_bad) \
    schedule(static) if (n > 65536)
  for (std::int64_t i = 0; i < n; ++i) {
    const double g = load_as_double(t, got, static_cast<std::size_t>(i)), e = expected[i];
    if (!element_ok(g, e, bounds)) first_bad = std::min(first_bad, i);
    if (!std::isfinite(e)) continue;
    if (!std::isfinite(g)) {
      max_abs = max_rel = sum_sq_err = INFINITY;
      continue;
    }
    const double err = std::abs(g - e);
    sum_sq_err += err * err;
    max_abs = std::max(max_abs, err);
    max_rel = std::max(max_rel, e != 0 ? err / std::abs(e) : (err > 0 ? INFINITY : 0.0));
  }
  r.metrics.max_abs = max_abs;
  r.metrics.max_rel = max_rel;
  // Norm-wise relative error, with the reference norm regularised by atol per element: an output whose true
  // values are all far below atol (one element of gelu at x = -6 is -8e-11; float32 gives 0) is judged at the
  // absolute scale it was computed at, not by a relative error of 100% on a value that is numerically zero.
  const double regularised = std::sqrt(sum_sq_ref + static_cast<double>(n) * tol.atol * tol.atol);
  r.metrics.nrel = regularised > 0 ? std::sqrt(sum_sq_err) / regularised : std::sqrt(sum_sq_err);
  if (first_bad != std::numeric_limits<std::int64_t>::max()) {
    r.pass = false;
    r.metrics.first_mismatch = first_bad;
    for (std::int64_t i = first_bad; i < n && r.metrics.examples.size() < 5; ++i) {
      const double g = load_as_double(t, got, static_cast<std::size_t>(i));
      if (!element_ok(g, expected[i], bounds)) r.metrics.examples.push_back({name, i, g, expected[i]});
    }
    const auto& ex = r.metrics.examples.front();
    r.reason = fmt::format("output '{}' element {} is {} but should be {} (tolerance atol {:g}, rtol {:g})", name, ex.index,
                           ex.got, ex.expected, bounds.abs_bound, tol.rtol);
    return r;
  }
  const bool norm_ok = bounds.exact || r.metrics.nrel <= tol.nrel;
  if (!norm_ok) {
    r.pass = false;
    r.reason = fmt::format("output '{}': norm-wise relative error {:.3g} exceeds {:g}", name, r.metrics.nrel, tol.nrel);
  }
  return r;
}

void merge_worst(CompareResult& into, const CompareResult& other) {
  const bool take = (!other.pass && into.pass) || (other.pass == into.pass && other.metrics.nrel > into.metrics.nrel);
  const double max_abs = std::max(into.metrics.max_abs, other.metrics.max_abs);
  const double max_rel = std::max(into.metrics.max_rel, other.metrics.max_rel);
  if (take) into = other;
  into.metrics.max_abs = max_abs;
  into.metrics.max_rel = max_rel;
}

}  // namespace kbench

// Output comparison (see compare.hpp).
#include "harness/eval/compare.hpp"

#include <fmt/format.h>

#include <cmath>

namespace kbench {

CompareResult compare_output(const std::string& name, DType t, const void* got, const std::vector<double>& expected,
                             const Tolerance& tol) {
  CompareResult r;
  r.metrics.failing_output = name;
  const std::size_t n = expected.size();
  const bool exact = !is_floating(t);
  double sum_sq_ref = 0;
  for (double e : expected)
    if (std::isfinite(e)) sum_sq_ref += e * e;
  const double rms = n ? std::sqrt(sum_sq_ref / static_cast<double>(n)) : 0.0;
  const double abs_bound = tol.atol * std::max(1.0, rms);
  double sum_sq_err = 0;
  auto record = [&](std::size_t i, double g, double e) {
    if (r.metrics.first_mismatch < 0) r.metrics.first_mismatch = static_cast<std::int64_t>(i);
    if (r.metrics.examples.size() < 5) r.metrics.examples.push_back({name, static_cast<std::int64_t>(i), g, e});
    r.pass = false;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double g = load_as_double(t, got, i), e = expected[i];
    if (!std::isfinite(e)) {
      const bool same = std::isnan(e) ? std::isnan(g) : g == e;
      if (!same) record(i, g, e);
      continue;
    }
    if (!std::isfinite(g)) {
      record(i, g, e);
      r.metrics.max_abs = INFINITY;
      r.metrics.max_rel = INFINITY;
      sum_sq_err = INFINITY;
      continue;
    }
    const double err = std::abs(g - e);
    sum_sq_err += err * err;
    r.metrics.max_abs = std::max(r.metrics.max_abs, err);
    if (e != 0) r.metrics.max_rel = std::max(r.metrics.max_rel, err / std::abs(e));
    else if (err > 0) r.metrics.max_rel = INFINITY;
    const bool ok = exact ? err == 0 : err <= abs_bound + tol.rtol * std::abs(e);
    if (!ok) record(i, g, e);
  }
  r.metrics.nrel = sum_sq_ref > 0 ? std::sqrt(sum_sq_err / sum_sq_ref) : std::sqrt(sum_sq_err);
  const bool norm_ok = exact || (sum_sq_ref > 0 ? r.metrics.nrel <= tol.nrel : r.metrics.nrel <= abs_bound);
  if (!r.pass) {
    const auto& ex = r.metrics.examples.front();
    r.reason = fmt::format("output '{}' element {} is {} but should be {} (tolerance atol {:g}, rtol {:g})", name,
                           ex.index, ex.got, ex.expected, abs_bound, tol.rtol);
  } else if (!norm_ok) {
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

// Output comparison (see compare.hpp). Parallel over elements: outputs at bench shapes have ~1e8 elements.
#include "harness/eval/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

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

// The `count` elements with the largest absolute errors (finite expected values), worst first.
std::vector<Mismatch> worst_elements(const std::string& name, DType t, const void* got, const ExpectedValues& expected,
                                     std::size_t count) {
  std::vector<std::pair<double, std::int64_t>> worst;  // (error, index), a small min-heap by error
  auto cmp = [](const auto& a, const auto& b) { return a.first > b.first; };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (!std::isfinite(expected[i])) continue;
    const double g = load_as_double(t, got, i);
    const double err = std::isfinite(g) ? std::abs(g - expected[i]) : INFINITY;
    if (err == 0) continue;
    if (worst.size() < count) {
      worst.emplace_back(err, static_cast<std::int64_t>(i));
      std::push_heap(worst.begin(), worst.end(), cmp);
    } else if (err > worst.front().first) {
      std::pop_heap(worst.begin(), worst.end(), cmp);
      worst.back() = {err, static_cast<std::int64_t>(i)};
      std::push_heap(worst.begin(), worst.end(), cmp);
    }
  }
  std::sort(worst.begin(), worst.end(), [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  std::vector<Mismatch> out;
  for (const auto& [err, i] : worst)
    out.push_back({name, i, load_as_double(t, got, static_cast<std::size_t>(i)), expected[static_cast<std::size_t>(i)]});
  return out;
}

}  // namespace

CompareResult compare_output(const std::string& name, DType t, const void* got, const ExpectedValues& expected,
                             const Tolerance& tol) {
  CompareResult r;
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
  // Norm-wise: ||err|| <= nrel * ||ref|| + floor * sqrt(n). The floor is an absolute error per element at
  // the accumulator's scale (half an ulp of 1), so an output whose true values are zero (a loss of exactly 0, gelu(-6) = -8e-11
  // that float32 computes as 0) is judged at the absolute scale it was computed at, not by a relative error
  // of 100% on a value that is numerically zero. Reported as nrel = ||err|| / (||ref|| + floor·sqrt(n)/nrel),
  // so that it passes exactly when nrel <= tol.nrel.
  const double err_norm = std::sqrt(sum_sq_err), ref_norm = std::sqrt(sum_sq_ref);
  const double effective_ref = ref_norm + (tol.nrel > 0 ? tol.floor * std::sqrt(static_cast<double>(n)) / tol.nrel : 0.0);
  r.metrics.nrel = effective_ref > 0 ? err_norm / effective_ref : (err_norm > 0 ? INFINITY : 0.0);
  if (first_bad != std::numeric_limits<std::int64_t>::max()) {
    r.pass = false;
    r.metrics.failing_output = name;
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
    r.metrics.failing_output = name;
    r.metrics.examples = worst_elements(name, t, got, expected, 5);
    r.reason = fmt::format("output '{}': norm-wise relative error {:.3g} exceeds {:g}", name, r.metrics.nrel, tol.nrel);
    if (!r.metrics.examples.empty()) {
      const auto& ex = r.metrics.examples.front();
      r.reason += fmt::format(" (worst element {} is {} but should be {})", ex.index, ex.got, ex.expected);
    }
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

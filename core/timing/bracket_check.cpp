// fit_bracket_overhead and judge_claims: see bracket_check.hpp.
#include "core/timing/bracket_check.hpp"

#include "core/timing/round_speedup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kbench {
namespace {

double median_of(const std::vector<double>& v) { return quantile_of(v, 0.5); }

}  // namespace

BracketOverhead fit_bracket_overhead(const std::vector<BatchBracket>& trusted) {
  BracketOverhead o;
  std::vector<double> x, y;
  for (const auto& b : trusted) {
    if (b.calls <= 0) continue;
    x.push_back(b.calls);
    y.push_back(std::max(0.0, b.bracket_ns - b.claimed_ns - b.allowance_ns));
  }
  o.batches = static_cast<int>(x.size());
  if (x.empty()) return o;
  // Theil-Sen: the median of the slopes between batches of different sizes, then the median intercept;
  // robust to a slow batch or two, and to one odd batch size (a lone small first batch).
  std::vector<double> slopes;
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t k = i + 1; k < x.size(); ++k)
      if (x[k] != x[i]) slopes.push_back((y[k] - y[i]) / (x[k] - x[i]));
  if (!slopes.empty()) {
    o.per_call_ns = std::max(0.0, median_of(slopes));
    std::vector<double> intercepts;
    for (std::size_t i = 0; i < x.size(); ++i) intercepts.push_back(y[i] - o.per_call_ns * x[i]);
    o.fixed_ns = std::max(0.0, median_of(intercepts));
  } else {
    std::vector<double> per_call;
    for (std::size_t i = 0; i < x.size(); ++i) per_call.push_back(y[i] / x[i]);
    o.per_call_ns = median_of(per_call);
  }
  std::vector<double> dev;
  for (std::size_t i = 0; i < x.size(); ++i) dev.push_back((y[i] - o.fixed_ns) / x[i] - o.per_call_ns);
  const double m = median_of(dev);
  for (double& d : dev) d = std::abs(d - m);
  o.spread_ns = 1.4826 * median_of(dev);
  return o;
}

BracketJudgement judge_claims(const std::vector<BatchBracket>& batches, const BracketOverhead& overhead) {
  if (batches.empty()) throw std::invalid_argument("judge_claims without batches");
  BracketJudgement j;
  double calls = 0, claimed = 0, left = 0;
  for (const auto& b : batches) {
    if (b.calls <= 0) throw std::invalid_argument("judge_claims: a batch of no calls");
    const double own = b.bracket_ns - overhead.fixed_ns - overhead.per_call_ns * b.calls - b.allowance_ns;
    j.parent_batch_ns.push_back(std::max(1.0, own / b.calls));
    j.bracket_batch_ns.push_back(b.bracket_ns / b.calls);
    calls += b.calls;
    claimed += b.claimed_ns;
    left += own;
  }
  // The spread is one batch's; the comparison is of means over the candidate's batches, against a fit over
  // the trusted ones, so its noise is the spread's standard error over both.
  const double standard_error =
      overhead.spread_ns * std::sqrt(1.0 / static_cast<double>(batches.size()) + 1.0 / std::max(1, overhead.batches));
  j.claimed_per_call_ns = claimed / calls;
  j.parent_per_call_ns = std::max(0.0, left / calls);
  j.allowed_shortfall_ns =
      std::max(kRelativeShortfall * j.parent_per_call_ns, 3 * standard_error) + kAbsoluteShortfallNs;
  j.consistent = j.claimed_per_call_ns >= j.parent_per_call_ns - j.allowed_shortfall_ns;
  if (!j.consistent)
    j.explanation = fmt::format(
        "the worker's own clock claimed {:.1f} us per call, kbench's clock {:.1f} us once the overhead the trusted "
        "worker showed ({:.1f} us per call, {:.1f} us per batch) is taken off; more than {:.1f} us apart",
        j.claimed_per_call_ns / 1e3, j.parent_per_call_ns / 1e3, overhead.per_call_ns / 1e3, overhead.fixed_ns / 1e3,
        j.allowed_shortfall_ns / 1e3);
  return j;
}

}  // namespace kbench

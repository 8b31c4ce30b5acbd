// Speedup estimators over timed rounds: see round_speedup.hpp.
#include "core/timing/round_speedup.hpp"

#include <algorithm>
#include <stdexcept>

namespace kbench {

double quantile_of(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

RoundSpeedup round_speedup(const std::vector<double>& reference_ns, const std::vector<double>& candidate_ns) {
  if (reference_ns.size() != candidate_ns.size() || reference_ns.empty())
    throw std::invalid_argument("round_speedup needs as many reference rounds as candidate rounds, at least one");
  std::vector<double> ratios(reference_ns.size());
  for (std::size_t i = 0; i < ratios.size(); ++i) ratios[i] = reference_ns[i] / candidate_ns[i];
  RoundSpeedup r;
  r.lower_quartile_ratio = quantile_of(reference_ns, 0.25) / quantile_of(candidate_ns, 0.25);
  r.median_ratio = quantile_of(reference_ns, 0.5) / quantile_of(candidate_ns, 0.5);
  r.paired_median = quantile_of(ratios, 0.5);
  return r;
}

}  // namespace kbench

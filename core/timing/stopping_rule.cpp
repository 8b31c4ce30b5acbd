// Stopping rule for timing samples.
#include "core/timing/stopping_rule.hpp"

#include <cmath>

namespace kbench {

bool should_stop_sampling(const std::vector<double>& s, double measured_ms, double wall_ms, const TimingPolicy& p) {
  const auto n = static_cast<int>(s.size());
  if (n >= p.max_samples || wall_ms >= p.max_time_ms) return true;
  if (n < p.min_samples || measured_ms < p.min_time_ms) return false;
  double mean = 0;
  for (double v : s) mean += v;
  mean /= n;
  double var = 0;
  for (double v : s) var += (v - mean) * (v - mean);
  var /= (n - 1);
  const double rse = std::sqrt(var / n) / mean;
  return rse < p.target_rse;
}

std::string stop_reason(std::size_t samples, double wall_ms, const TimingPolicy& policy) {
  if (static_cast<int>(samples) >= policy.max_samples) return "max_samples";
  return wall_ms >= policy.max_time_ms ? "max_time" : "target_rse";
}

}  // namespace kbench

// Speedup estimators over timed rounds (the CPU backend's parent-clock rounds): each round times both
// sides next to each other on the same fresh inputs, so a round is a pair (reference, candidate).
#pragma once
#include <vector>

namespace kbench {

struct RoundSpeedup {
  double lower_quartile_ratio = 0;  // reference's p25 / candidate's p25 (the sides' rounds taken apart)
  double median_ratio = 0;          // reference's median / candidate's median
  double paired_median = 0;         // median over rounds of reference / candidate of the same round
};

// The q-quantile of v, interpolated between neighbours; 0 for an empty v.
double quantile_of(std::vector<double> v, double q);

// All three estimators from per-round samples (ns per call) of equal length, index i one round.
// Throws std::invalid_argument when the lengths differ or there is no round.
RoundSpeedup round_speedup(const std::vector<double>& reference_ns, const std::vector<double>& candidate_ns);

}  // namespace kbench

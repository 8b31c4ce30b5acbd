// Distribution-free confidence interval of a median from raw timing samples (order statistics of
// Binomial(n, 1/2)), used to tell a real timing change from the measurement's own noise.
#pragma once
#include <string>
#include <vector>

#include "core/verdict/verdict.hpp"

namespace kbench {

struct MedianInterval {
  double median = 0, low = 0, high = 0;
  int samples = 0;          // raw samples the interval was computed from
  std::string method;       // "order-statistics", "min-max" (too few samples for the level), "p10-p90" (no raw samples)
};

// Interval [x_(l), x_(n+1-l)] holding the true median with probability >= `confidence` (exact binomial).
// With too few samples for that level the interval is the whole sample range (method "min-max").
MedianInterval median_interval(std::vector<double> samples_ns, double confidence = 0.95);

// From a stored summary: its raw samples when kept, else its p10..p90 range (wider than a median CI:
// a change must then clear the spread of the samples themselves).
MedianInterval median_interval(const TimingSummary& timing, double confidence = 0.95);

}  // namespace kbench

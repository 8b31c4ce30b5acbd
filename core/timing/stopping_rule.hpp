// When to stop taking timing samples (shared by every backend's worker): nvbench-like criteria.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/timing/timing_policy.hpp"

namespace kbench {

// True when sampling should stop: (enough samples, enough measured time and relative standard error
// under target) or the wall-time cap or the sample cap is reached.
bool should_stop_sampling(const std::vector<double>& samples_ns, double measured_ms, double wall_ms,
                          const TimingPolicy& policy);

// Why sampling stopped once it has: "max_samples", "max_time" or "target_rse", read off the caps.
std::string stop_reason(std::size_t samples, double wall_ms, const TimingPolicy& policy);

}  // namespace kbench

// The one warm-up + sample loop every worker runtime times with (CPU and GPU): warm-up calls, then timed
// calls rotating over the input sets until the stopping rule (stopping_rule.hpp) says enough, and never
// before one full round over the sets, so each set's outputs come from a timed call.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/timing/timing_policy.hpp"

namespace kbench {

enum class CallPhase { warmup, sample };

// One call on input set `set`. In the sample phase it returns the duration (ns) the stopping rule counts;
// it may record other measurements itself (the GPU runtime keeps a host-clock sample beside each event
// sample). What a warm-up call returns is ignored. Exceptions propagate out of sample_calls.
using SampledCall = std::function<double(std::size_t set, CallPhase phase)>;

struct SampleLoopOptions {
  // Warm-up stops after the call that takes it past this many ms, whatever warmup_calls and warmup_ms
  // ask for; negative: policy.max_time_ms. (The CPU runtime uses a quarter of it.)
  double warmup_cutoff_ms = -1;
  // true: the first timed call uses set 0; false: the rotation goes on from the set after the last
  // warm-up call.
  bool restart_rotation = true;
  // A monotonic clock in ms; empty: std::chrono::steady_clock (tests pass a fake one).
  std::function<double()> now_ms;
};

struct SampleLoopResult {
  std::vector<double> samples_ns;  // what each timed call returned, in order
  std::string stop_reason;         // "max_samples", "max_time" or "target_rse"
  int warmup_calls = 0;            // warm-up calls made
};

// Warm-up alone: calls on sets 0, 1, ... (rotating) while fewer than policy.warmup_calls were made or
// less than policy.warmup_ms has passed, up to the cut-off; how many were made.
int warm_up_calls(const TimingPolicy& policy, std::size_t input_sets, const SampledCall& call,
                  const SampleLoopOptions& options = {});

// Warm-up: calls (rotating over the sets) while fewer than policy.warmup_calls were made or less than
// policy.warmup_ms has passed, up to the cut-off. Sampling: timed calls until should_stop_sampling holds
// (on the samples, their sum and the sampling loop's own wall time) and at least `input_sets` calls were
// timed. Throws std::invalid_argument when input_sets is 0.
SampleLoopResult sample_calls(const TimingPolicy& policy, std::size_t input_sets, const SampledCall& call,
                              const SampleLoopOptions& options = {});

}  // namespace kbench

// How a kernel is timed (TimingPolicy: its name, warm-up, sample counts, time caps, noise target, L2 flush,
// poisoning) and what a timing request returns (TimingResult: raw samples and the method that took them).
// The named policies ("full", "screen") are in named_timing_policies.hpp.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kbench {

// Stopping rule for sampling (nvbench-like): at least min_samples and min_time_ms of measured time,
// then stop when the relative standard error is under target_rse; stop anyway at max_time_ms / max_samples.
// The defaults are the "full" policy's.
struct TimingPolicy {
  std::string name = "full";    // the named policy these parameters came from (verdicts name it)
  int warmup_calls = 3;
  double warmup_ms = 20;
  int min_samples = 10;
  int max_samples = 5000;
  double min_time_ms = 50;
  double max_time_ms = 2000;
  double target_rse = 0.005;
  bool flush_l2 = true;         // GPU: write a buffer larger than L2 before every timed call
  bool poison_each_call = true; // re-poison outputs before every timed call (outside the timed region)
};
nlohmann::json to_json(const TimingPolicy& p);
TimingPolicy timing_policy_from_json(const nlohmann::json& j);

struct TimingResult {
  std::vector<double> samples_ns;  // one per timed call
  std::string method;              // "cpu-wall", "cuda-events-cold", ...
  nlohmann::json notes;            // e.g. work seen on other streams
};

}  // namespace kbench

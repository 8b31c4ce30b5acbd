// The named timing policies: see named_timing_policies.hpp.
#include "core/timing/named_timing_policies.hpp"

namespace kbench {

TimingPolicy full_timing_policy() { return TimingPolicy{}; }

TimingPolicy screen_timing_policy() {
  TimingPolicy p;
  p.name = "screen";
  p.warmup_calls = 1;
  p.warmup_ms = 5;
  p.min_samples = 5;
  p.max_samples = 1000;
  p.min_time_ms = 10;
  p.max_time_ms = 300;
  p.target_rse = 0.02;
  return p;  // flush_l2 and poison_each_call stay on: screening changes how much is sampled, never how
}

std::optional<TimingPolicy> timing_policy_named(std::string_view name) {
  if (name == "full") return full_timing_policy();
  if (name == "screen") return screen_timing_policy();
  return std::nullopt;
}

const std::vector<std::string>& timing_policy_names() {
  static const std::vector<std::string> names = {"full", "screen"};
  return names;
}

}  // namespace kbench

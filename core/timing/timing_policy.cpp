// TimingPolicy to and from the JSON of a worker's timing request.
#include "core/timing/timing_policy.hpp"

namespace kbench {

nlohmann::json to_json(const TimingPolicy& p) {
  return {{"name", p.name},
          {"warmup_calls", p.warmup_calls}, {"warmup_ms", p.warmup_ms},     {"min_samples", p.min_samples},
          {"max_samples", p.max_samples},   {"min_time_ms", p.min_time_ms}, {"max_time_ms", p.max_time_ms},
          {"target_rse", p.target_rse},     {"flush_l2", p.flush_l2},       {"poison_each_call", p.poison_each_call}};
}

TimingPolicy timing_policy_from_json(const nlohmann::json& j) {
  TimingPolicy p;
  p.name = j.value("name", p.name);
  p.warmup_calls = j.value("warmup_calls", p.warmup_calls);
  p.warmup_ms = j.value("warmup_ms", p.warmup_ms);
  p.min_samples = j.value("min_samples", p.min_samples);
  p.max_samples = j.value("max_samples", p.max_samples);
  p.min_time_ms = j.value("min_time_ms", p.min_time_ms);
  p.max_time_ms = j.value("max_time_ms", p.max_time_ms);
  p.target_rse = j.value("target_rse", p.target_rse);
  p.flush_l2 = j.value("flush_l2", p.flush_l2);
  p.poison_each_call = j.value("poison_each_call", p.poison_each_call);
  return p;
}

}  // namespace kbench

// sample_calls: warm-up, then timed calls under the stopping rule; the stop reason is read off the caps.
#include "core/timing/sampling_loop.hpp"

#include <chrono>
#include <stdexcept>

#include "core/timing/stopping_rule.hpp"

namespace kbench {

SampleLoopResult sample_calls(const TimingPolicy& policy, std::size_t input_sets, const SampledCall& call,
                              const SampleLoopOptions& options) {
  if (input_sets == 0) throw std::invalid_argument("sample_calls without input sets");
  std::function<double()> now_ms = options.now_ms;
  if (!now_ms) {
    const auto origin = std::chrono::steady_clock::now();
    now_ms = [origin] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - origin).count(); };
  }
  const double cutoff_ms = options.warmup_cutoff_ms < 0 ? policy.max_time_ms : options.warmup_cutoff_ms;
  SampleLoopResult result;

  const double warmup_start = now_ms();
  for (int i = 0; i < policy.warmup_calls || now_ms() - warmup_start < policy.warmup_ms; ++i) {
    call(static_cast<std::size_t>(i) % input_sets, CallPhase::warmup);
    ++result.warmup_calls;
    if (now_ms() - warmup_start > cutoff_ms) break;
  }

  const std::size_t first = options.restart_rotation ? 0 : static_cast<std::size_t>(result.warmup_calls);
  double measured_ms = 0;
  const double loop_start = now_ms();
  for (std::size_t i = first;; ++i) {
    const double ns = call(i % input_sets, CallPhase::sample);
    result.samples_ns.push_back(ns);
    measured_ms += ns / 1e6;
    if (result.samples_ns.size() >= input_sets &&
        should_stop_sampling(result.samples_ns, measured_ms, now_ms() - loop_start, policy))
      break;
  }
  const double loop_ms = now_ms() - loop_start;
  result.stop_reason = static_cast<int>(result.samples_ns.size()) >= policy.max_samples ? "max_samples"
                       : loop_ms >= policy.max_time_ms                                  ? "max_time"
                                                                                        : "target_rse";
  return result;
}

}  // namespace kbench

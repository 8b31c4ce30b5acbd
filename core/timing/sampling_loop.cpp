// sample_calls: warm-up, then timed calls under the stopping rule; the stop reason is read off the caps.
#include "core/timing/sampling_loop.hpp"

#include <chrono>
#include <stdexcept>

#include "core/timing/stopping_rule.hpp"

namespace kbench {

namespace {

std::function<double()> clock_of(const SampleLoopOptions& options) {
  if (options.now_ms) return options.now_ms;
  const auto origin = std::chrono::steady_clock::now();
  return [origin] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - origin).count(); };
}

}  // namespace

int warm_up_calls(const TimingPolicy& policy, std::size_t input_sets, const SampledCall& call,
                  const SampleLoopOptions& options) {
  if (input_sets == 0) throw std::invalid_argument("warm-up without input sets");
  const std::function<double()> now_ms = clock_of(options);
  const double cutoff_ms = options.warmup_cutoff_ms < 0 ? policy.max_time_ms : options.warmup_cutoff_ms;
  int calls = 0;
  const double warmup_start = now_ms();
  for (int i = 0; i < policy.warmup_calls || now_ms() - warmup_start < policy.warmup_ms; ++i) {
    call(static_cast<std::size_t>(i) % input_sets, CallPhase::warmup);
    ++calls;
    if (now_ms() - warmup_start > cutoff_ms) break;
  }
  return calls;
}

SampleLoopResult sample_calls(const TimingPolicy& policy, std::size_t input_sets, const SampledCall& call,
                              const SampleLoopOptions& options) {
  if (input_sets == 0) throw std::invalid_argument("sample_calls without input sets");
  SampleLoopOptions with_clock = options;
  with_clock.now_ms = clock_of(options);
  const std::function<double()>& now_ms = with_clock.now_ms;
  SampleLoopResult result;
  result.warmup_calls = warm_up_calls(policy, input_sets, call, with_clock);

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
  result.stop_reason = stop_reason(result.samples_ns.size(), loop_ms, policy);
  return result;
}

}  // namespace kbench

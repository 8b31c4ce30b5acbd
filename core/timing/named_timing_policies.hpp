// The named timing policies a verdict names: "full" (nvbench-grade sampling; `kbench eval`'s default) and
// "screen" (enough to rank candidates in a training loop). They differ only in how much is sampled (warm-up,
// sample counts, time caps, noise target); what is checked, the clock, fresh inputs per round, L2 flushes
// and poisoning are the same under both.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/timing/timing_policy.hpp"

namespace kbench {

// TimingPolicy's defaults: warm-up 3 calls and 20 ms; at least 10 samples and 50 ms of measured time,
// then until the relative standard error is under 0.5 %; at most 5000 samples or 2000 ms of sampling.
TimingPolicy full_timing_policy();

// Warm-up 1 call (on the CPU one round) and 5 ms; at least 5 samples and 10 ms of measured time, then
// until the relative standard error is under 2 %; at most 1000 samples or 300 ms of sampling.
TimingPolicy screen_timing_policy();

// The policy called `name`; none when there is no such policy.
std::optional<TimingPolicy> timing_policy_named(std::string_view name);

// Every policy's name, in the order documentation lists them: {"full", "screen"}.
const std::vector<std::string>& timing_policy_names();

}  // namespace kbench

// sample_calls (core/timing/sampling_loop): warm-up calls are made and not sampled, sampling stops at
// max_samples, at max_time, at the target relative standard error once min_samples and min_time are met,
// and never before one round over every input set. A fake clock, advanced by the calls, makes time exact.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <vector>

#include "core/timing/sampling_loop.hpp"

namespace kbench {
namespace {

// Sampling runs until a cap unless a test sets otherwise: rse < 0 is never true.
TimingPolicy never_settles() {
  TimingPolicy p;
  p.warmup_calls = 0;
  p.warmup_ms = 0;
  p.min_samples = 1;
  p.max_samples = 1000;
  p.min_time_ms = 0;
  p.max_time_ms = 1e9;
  p.target_rse = 0;
  return p;
}

struct Call {
  std::size_t set;
  CallPhase phase;
};

// Records every call; each call advances the fake clock by `ms_per_call` and returns `sample(i)` (ns).
struct Recorder {
  double now = 0;
  double ms_per_call = 0;
  std::vector<Call> calls;
  std::function<double(std::size_t)> sample = [](std::size_t i) { return i % 2 ? 3000.0 : 1000.0; };

  SampledCall call() {
    return [this](std::size_t set, CallPhase phase) {
      calls.push_back({set, phase});
      now += ms_per_call;
      return phase == CallPhase::warmup ? -1.0 : sample(calls.size());
    };
  }
  SampleLoopOptions options() {
    SampleLoopOptions o;
    o.now_ms = [this] { return now; };
    return o;
  }
  std::size_t count(CallPhase phase) const {
    std::size_t n = 0;
    for (const Call& c : calls) n += c.phase == phase;
    return n;
  }
};

TEST(SamplingLoop, WarmupCallsAreMadeFirstAndNotSampled) {
  TimingPolicy p = never_settles();
  p.warmup_calls = 3;
  p.max_samples = 5;
  Recorder rec;
  const SampleLoopResult r = sample_calls(p, 1, rec.call(), rec.options());
  ASSERT_EQ(rec.calls.size(), 8u);
  for (std::size_t i = 0; i < rec.calls.size(); ++i)
    EXPECT_EQ(rec.calls[i].phase, i < 3 ? CallPhase::warmup : CallPhase::sample) << i;
  EXPECT_EQ(r.warmup_calls, 3);
  ASSERT_EQ(r.samples_ns.size(), 5u);
  for (double s : r.samples_ns) EXPECT_GT(s, 0) << "a warm-up call's value was sampled";
}

TEST(SamplingLoop, WarmupLastsWarmupMs) {
  TimingPolicy p = never_settles();
  p.warmup_ms = 10;
  p.max_samples = 2;
  Recorder rec;
  rec.ms_per_call = 1;
  const SampleLoopResult r = sample_calls(p, 1, rec.call(), rec.options());
  EXPECT_EQ(r.warmup_calls, 10);
  EXPECT_EQ(rec.count(CallPhase::warmup), 10u);
}

TEST(SamplingLoop, WarmupIsCutOffAtMaxTimeOrTheGivenCutoff) {
  TimingPolicy p = never_settles();
  p.warmup_calls = 1000;
  p.max_time_ms = 8;
  Recorder rec;
  rec.ms_per_call = 1;
  // Default cut-off: max_time_ms; the call that goes past it is the last.
  EXPECT_EQ(sample_calls(p, 1, rec.call(), rec.options()).warmup_calls, 9);
  Recorder cut;
  cut.ms_per_call = 1;
  SampleLoopOptions o = cut.options();
  o.warmup_cutoff_ms = 2;
  EXPECT_EQ(sample_calls(p, 1, cut.call(), o).warmup_calls, 3);
}

TEST(SamplingLoop, StopsAtMaxSamples) {
  TimingPolicy p = never_settles();
  p.max_samples = 20;
  Recorder rec;
  const SampleLoopResult r = sample_calls(p, 1, rec.call(), rec.options());
  EXPECT_EQ(r.samples_ns.size(), 20u);
  EXPECT_EQ(r.stop_reason, "max_samples");
}

TEST(SamplingLoop, StopsAtMaxTime) {
  TimingPolicy p = never_settles();
  p.max_time_ms = 100;
  Recorder rec;
  rec.ms_per_call = 10;
  const SampleLoopResult r = sample_calls(p, 1, rec.call(), rec.options());
  EXPECT_EQ(r.samples_ns.size(), 10u);  // the sampling loop's own clock: 10 calls of 10 ms
  EXPECT_EQ(r.stop_reason, "max_time");
}

TEST(SamplingLoop, MaxTimeCountsTheSamplingLoopNotTheWarmup) {
  TimingPolicy p = never_settles();
  p.warmup_ms = 50;
  p.max_time_ms = 100;
  Recorder rec;
  rec.ms_per_call = 10;
  const SampleLoopResult r = sample_calls(p, 1, rec.call(), rec.options());
  EXPECT_EQ(r.warmup_calls, 5);
  EXPECT_EQ(r.samples_ns.size(), 10u);
  EXPECT_EQ(r.stop_reason, "max_time");
}

TEST(SamplingLoop, StopsAtTargetRseWithConstantSamplesOnceMinSamplesAreTaken) {
  TimingPolicy p = never_settles();
  p.min_samples = 10;
  p.target_rse = 0.01;
  Recorder rec;
  rec.sample = [](std::size_t) { return 1e6; };
  const SampleLoopResult r = sample_calls(p, 1, rec.call(), rec.options());
  EXPECT_EQ(r.samples_ns.size(), 10u);
  EXPECT_EQ(r.stop_reason, "target_rse");
}

TEST(SamplingLoop, StopsAtTargetRseWithConstantSamplesOnceMinTimeIsMeasured) {
  TimingPolicy p = never_settles();
  p.min_samples = 2;
  p.min_time_ms = 24.5;  // measured time: the samples' sum (1 ms each), not the clock
  p.target_rse = 0.01;
  Recorder rec;
  rec.sample = [](std::size_t) { return 1e6; };
  const SampleLoopResult r = sample_calls(p, 1, rec.call(), rec.options());
  EXPECT_EQ(r.samples_ns.size(), 25u);
  EXPECT_EQ(r.stop_reason, "target_rse");
}

TEST(SamplingLoop, NeverStopsBeforeOneRoundOverEveryInputSet) {
  TimingPolicy p = never_settles();
  p.max_samples = 3;
  Recorder rec;
  SampleLoopResult r = sample_calls(p, 7, rec.call(), rec.options());
  EXPECT_EQ(r.samples_ns.size(), 7u);
  EXPECT_EQ(r.stop_reason, "max_samples");
  std::set<std::size_t> sampled;
  for (const Call& c : rec.calls) sampled.insert(c.set);
  EXPECT_EQ(sampled.size(), 7u);

  // Past the time cap after the first call: still one call per set.
  p.max_samples = 1000;
  p.max_time_ms = 1;
  Recorder slow;
  slow.ms_per_call = 1000;
  r = sample_calls(p, 5, slow.call(), slow.options());
  EXPECT_EQ(r.samples_ns.size(), 5u);
  EXPECT_EQ(r.stop_reason, "max_time");
}

TEST(SamplingLoop, RotationRestartsAtSetZeroOrGoesOnFromWarmup) {
  TimingPolicy p = never_settles();
  p.warmup_calls = 3;
  p.max_samples = 2;
  Recorder rec;
  sample_calls(p, 2, rec.call(), rec.options());
  ASSERT_EQ(rec.calls.size(), 5u);
  EXPECT_EQ(rec.calls[0].set, 0u);
  EXPECT_EQ(rec.calls[1].set, 1u);
  EXPECT_EQ(rec.calls[2].set, 0u);
  EXPECT_EQ(rec.calls[3].set, 0u);  // first timed call: set 0 again
  EXPECT_EQ(rec.calls[4].set, 1u);

  Recorder on;
  SampleLoopOptions o = on.options();
  o.restart_rotation = false;
  sample_calls(p, 2, on.call(), o);
  ASSERT_EQ(on.calls.size(), 5u);
  EXPECT_EQ(on.calls[3].set, 1u);  // the set after the last warm-up call
  EXPECT_EQ(on.calls[4].set, 0u);
}

TEST(SamplingLoop, RefusesNoInputSets) {
  Recorder rec;
  EXPECT_THROW(sample_calls(never_settles(), 0, rec.call(), rec.options()), std::invalid_argument);
  EXPECT_TRUE(rec.calls.empty());
}

}  // namespace
}  // namespace kbench

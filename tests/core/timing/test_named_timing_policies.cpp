// The named timing policies (core/timing/named_timing_policies): "full" is TimingPolicy's defaults; "screen"
// samples less (smaller minimums and caps, a looser noise target) and changes nothing about how calls are
// made (L2 flush, poisoning). Through sample_calls with a fake clock, on the same calls, screen stops after
// fewer samples than full, both when the noise target is met and when only the time cap ends sampling.
#include <gtest/gtest.h>

#include <vector>

#include "core/timing/named_timing_policies.hpp"
#include "core/timing/sampling_loop.hpp"

namespace kbench {
namespace {

// sample_calls on a fake clock advanced 1 ms per call, each sampled call returning `sample(i)` ns.
SampleLoopResult sample_with(const TimingPolicy& policy, double (*sample)(std::size_t)) {
  double now = 0;
  std::size_t calls = 0;
  SampleLoopOptions o;
  o.now_ms = [&now] { return now; };
  return sample_calls(
      policy, 1,
      [&](std::size_t, CallPhase) {
        now += 1;
        return sample(calls++);
      },
      o);
}

double five_percent_noise(std::size_t i) { return i % 2 ? 1.1e6 : 1.0e6; }  // cv about 4.9 %
double never_settles(std::size_t i) { return i % 2 ? 3.0e6 : 1.0e6; }      // cv about 50 %

TEST(NamedTimingPolicies, FullIsTheDefaultsAndScreenSamplesLessButTheSameWay) {
  const TimingPolicy d, full = full_timing_policy(), screen = screen_timing_policy();
  EXPECT_EQ(full.name, "full");
  EXPECT_EQ(to_json(full), to_json(d));
  EXPECT_EQ(screen.name, "screen");
  EXPECT_LT(screen.warmup_calls, full.warmup_calls);
  EXPECT_LT(screen.warmup_ms, full.warmup_ms);
  EXPECT_LT(screen.min_samples, full.min_samples);
  EXPECT_LT(screen.min_time_ms, full.min_time_ms);
  EXPECT_LT(screen.max_time_ms, full.max_time_ms);
  EXPECT_LT(screen.max_samples, full.max_samples);
  EXPECT_GT(screen.target_rse, full.target_rse);
  EXPECT_GE(screen.min_samples, 5);  // still enough for a spread and a lower quartile
  EXPECT_EQ(screen.flush_l2, full.flush_l2);
  EXPECT_EQ(screen.poison_each_call, full.poison_each_call);
}

TEST(NamedTimingPolicies, AreFoundByNameAndNothingElseIs) {
  EXPECT_EQ(timing_policy_names(), (std::vector<std::string>{"full", "screen"}));
  for (const std::string& name : timing_policy_names()) {
    const auto p = timing_policy_named(name);
    ASSERT_TRUE(p.has_value()) << name;
    EXPECT_EQ(p->name, name);
  }
  EXPECT_EQ(to_json(*timing_policy_named("screen")), to_json(screen_timing_policy()));
  EXPECT_FALSE(timing_policy_named("bogus").has_value());
  EXPECT_FALSE(timing_policy_named("Full").has_value());
  EXPECT_FALSE(timing_policy_named("").has_value());
}

TEST(NamedTimingPolicies, ScreenMeetsItsLooserTargetAfterFewerSamples) {
  const TimingPolicy full = full_timing_policy(), screen = screen_timing_policy();
  const SampleLoopResult f = sample_with(full, five_percent_noise), s = sample_with(screen, five_percent_noise);
  EXPECT_EQ(f.stop_reason, "target_rse");
  EXPECT_EQ(s.stop_reason, "target_rse");
  // Screen's minimums still hold: 5 samples and 10 ms of measured time (1.05 ms a sample).
  EXPECT_GE(s.samples_ns.size(), static_cast<std::size_t>(screen.min_samples));
  EXPECT_GE(s.samples_ns.size(), 10u);
  // 0.5 % at a cv of 4.9 % needs about 96 samples; 2 % about 6, so screen's 10 ms minimum decides.
  EXPECT_GE(f.samples_ns.size(), 90u);
  EXPECT_LE(s.samples_ns.size(), 12u);
  EXPECT_LT(s.warmup_calls, f.warmup_calls);  // 5 ms of warm-up against 20 ms
}

TEST(NamedTimingPolicies, ScreensTimeCapEndsSamplingSooner) {
  const SampleLoopResult f = sample_with(full_timing_policy(), never_settles);
  const SampleLoopResult s = sample_with(screen_timing_policy(), never_settles);
  EXPECT_EQ(f.stop_reason, "max_time");
  EXPECT_EQ(s.stop_reason, "max_time");
  EXPECT_NEAR(static_cast<double>(f.samples_ns.size()), 2000, 2);  // 2000 ms at 1 ms a call
  EXPECT_NEAR(static_cast<double>(s.samples_ns.size()), 300, 2);   // 300 ms
}

}  // namespace
}  // namespace kbench

// core/timing: the stopping rule every worker samples under, and TimingPolicy's JSON (the timing request).
#include <gtest/gtest.h>

#include <vector>

#include "core/timing/stopping_rule.hpp"
#include "core/timing/timing_policy.hpp"

using namespace kbench;

namespace {

TimingPolicy policy() {
  TimingPolicy p;
  p.min_samples = 10;
  p.max_samples = 100;
  p.min_time_ms = 5;
  p.max_time_ms = 1000;
  p.target_rse = 0.01;
  return p;
}

// n identical samples of `ns` (rse 0: quiet enough to stop as soon as the minimums are met).
std::vector<double> steady(int n, double ns = 1e6) { return std::vector<double>(static_cast<std::size_t>(n), ns); }

// n samples alternating between 1 and 3 ms: rse = (1 / 2) / sqrt(n) roughly, far above a 1% target.
std::vector<double> noisy(int n) {
  std::vector<double> s;
  for (int i = 0; i < n; ++i) s.push_back(i % 2 ? 3e6 : 1e6);
  return s;
}

}  // namespace

TEST(StoppingRule, StopsAtMaxSamples) {
  const TimingPolicy p = policy();
  EXPECT_TRUE(should_stop_sampling(noisy(100), 200, 200, p));
  EXPECT_TRUE(should_stop_sampling(noisy(101), 200, 200, p));
  EXPECT_FALSE(should_stop_sampling(noisy(99), 200, 200, p));
}

TEST(StoppingRule, StopsAtMaxTimeEvenBeforeTheMinimums) {
  const TimingPolicy p = policy();
  EXPECT_TRUE(should_stop_sampling(noisy(3), 1, 1000, p));   // wall cap reached, 3 samples only
  EXPECT_TRUE(should_stop_sampling(noisy(3), 1, 5000, p));
  EXPECT_FALSE(should_stop_sampling(noisy(3), 1, 999, p));
}

TEST(StoppingRule, NotBeforeMinSamples) {
  const TimingPolicy p = policy();
  EXPECT_FALSE(should_stop_sampling(steady(9), 50, 50, p));  // quiet and long enough, but 9 < 10 samples
  EXPECT_TRUE(should_stop_sampling(steady(10), 50, 50, p));
}

TEST(StoppingRule, NotBeforeMinTime) {
  const TimingPolicy p = policy();
  EXPECT_FALSE(should_stop_sampling(steady(50), 4.9, 50, p));  // enough quiet samples, 4.9 < 5 ms measured
  EXPECT_TRUE(should_stop_sampling(steady(50), 5.0, 50, p));
}

TEST(StoppingRule, StopsOnceTheRelativeStandardErrorIsUnderTarget) {
  TimingPolicy p = policy();
  // 1000 +- 10 ns alternating: stddev ~10.05, rse ~ 0.01026 / sqrt(n), under 0.01 from n = 2 on.
  std::vector<double> s;
  for (int i = 0; i < 20; ++i) s.push_back(i % 2 ? 1010 : 990);
  EXPECT_TRUE(should_stop_sampling(s, 50, 50, p));
  // The same samples against a target they do not reach (rse ~ 0.00229 at n = 20).
  p.target_rse = 0.002;
  EXPECT_FALSE(should_stop_sampling(s, 50, 50, p));
  p.target_rse = 0.0023;
  EXPECT_TRUE(should_stop_sampling(s, 50, 50, p));
}

TEST(StoppingRule, KeepsGoingOnNoisySamples) {
  const TimingPolicy p = policy();
  // rse of 1/3 ms alternating at n = 20: stddev ~1.03 ms / mean 2 ms / sqrt(20) ~ 0.115 > 0.01.
  EXPECT_FALSE(should_stop_sampling(noisy(20), 500, 500, p));
  EXPECT_FALSE(should_stop_sampling(noisy(98), 999, 999, p));
}

TEST(TimingPolicyJson, RoundTripKeepsEveryField) {
  TimingPolicy p;
  p.name = "screen";
  p.warmup_calls = 7;
  p.warmup_ms = 12.5;
  p.min_samples = 3;
  p.max_samples = 333;
  p.min_time_ms = 4.25;
  p.max_time_ms = 777;
  p.target_rse = 0.0125;
  p.flush_l2 = false;
  p.poison_each_call = false;
  const TimingPolicy r = timing_policy_from_json(nlohmann::json::parse(to_json(p).dump()));
  EXPECT_EQ(r.name, "screen");
  EXPECT_EQ(r.warmup_calls, 7);
  EXPECT_EQ(r.warmup_ms, 12.5);
  EXPECT_EQ(r.min_samples, 3);
  EXPECT_EQ(r.max_samples, 333);
  EXPECT_EQ(r.min_time_ms, 4.25);
  EXPECT_EQ(r.max_time_ms, 777);
  EXPECT_EQ(r.target_rse, 0.0125);
  EXPECT_FALSE(r.flush_l2);
  EXPECT_FALSE(r.poison_each_call);
}

TEST(TimingPolicyJson, MissingFieldsTakeTheDefaults) {
  const TimingPolicy d;
  const TimingPolicy r = timing_policy_from_json({{"max_samples", 42}});
  EXPECT_EQ(r.max_samples, 42);
  EXPECT_EQ(r.name, "full");
  EXPECT_EQ(r.warmup_calls, d.warmup_calls);
  EXPECT_EQ(r.min_samples, d.min_samples);
  EXPECT_EQ(r.target_rse, d.target_rse);
  EXPECT_EQ(r.flush_l2, d.flush_l2);
  EXPECT_EQ(r.poison_each_call, d.poison_each_call);
}

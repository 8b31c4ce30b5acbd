// results/median_ci: exact order-statistic bounds, the small-sample fallback, and real coverage.
#include <gtest/gtest.h>

#include <random>

#include "results/analysis/median_ci.hpp"

namespace kbench {
namespace {

TEST(MedianInterval, UsesTheExactBinomialOrderStatistics) {
  std::vector<double> s = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};  // n = 10: P(X<=1) = 11/1024 <= 2.5% < P(X<=2)
  const MedianInterval m = median_interval(s, 0.95);
  EXPECT_EQ(m.method, "order-statistics");
  EXPECT_DOUBLE_EQ(m.median, 5.5);
  EXPECT_DOUBLE_EQ(m.low, 2);   // x_(2)
  EXPECT_DOUBLE_EQ(m.high, 9);  // x_(9)
}

TEST(MedianInterval, FallsBackToTheRangeWithTooFewSamples) {
  const MedianInterval m = median_interval(std::vector<double>{3, 1, 2, 5, 4}, 0.95);  // n = 5: even [x1, x5] covers only 93.75%
  EXPECT_EQ(m.method, "min-max");
  EXPECT_DOUBLE_EQ(m.low, 1);
  EXPECT_DOUBLE_EQ(m.high, 5);
  EXPECT_EQ(median_interval(std::vector<double>{}, 0.95).method, "none");
  EXPECT_THROW(median_interval(std::vector<double>{1, 2, 3}, 1.0), std::invalid_argument);
}

TEST(MedianInterval, WithoutRawSamplesUsesTheP10P90Spread) {
  TimingSummary t;
  t.median_ns = 100;
  t.p10_ns = 90;
  t.p90_ns = 130;
  t.samples = 40;
  const MedianInterval m = median_interval(t, 0.95);
  EXPECT_EQ(m.method, "p10-p90");
  EXPECT_DOUBLE_EQ(m.low, 90);
  EXPECT_DOUBLE_EQ(m.high, 130);
}

TEST(MedianInterval, CoversTheTrueMedianAtLeastAsOftenAsPromised) {
  std::mt19937 rng(12345);
  std::exponential_distribution<double> skewed(1.0);  // true median ln 2
  const double true_median = std::log(2.0);
  int covered = 0;
  const int trials = 2000;
  for (int i = 0; i < trials; ++i) {
    std::vector<double> s(51);
    for (auto& x : s) x = skewed(rng);
    const MedianInterval m = median_interval(s, 0.95);
    covered += (m.low <= true_median && true_median <= m.high) ? 1 : 0;
  }
  const double coverage = double(covered) / trials;
  EXPECT_GE(coverage, 0.94);  // exact bound >= 95%, minus Monte Carlo error
  EXPECT_LE(coverage, 0.995);  // and not the trivial whole range
}

}  // namespace
}  // namespace kbench

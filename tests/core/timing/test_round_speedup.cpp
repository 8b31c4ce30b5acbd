// core/timing/round_speedup: the estimators over paired timed rounds.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "core/timing/round_speedup.hpp"

using namespace kbench;

TEST(RoundSpeedup, EqualSidesGiveOne) {
  const std::vector<double> t = {2.0, 2.1, 1.9, 2.0, 2.2};
  const RoundSpeedup r = round_speedup(t, t);
  EXPECT_DOUBLE_EQ(r.lower_quartile_ratio, 1.0);
  EXPECT_DOUBLE_EQ(r.median_ratio, 1.0);
  EXPECT_DOUBLE_EQ(r.paired_median, 1.0);
}

// A slow host period slows both sides of the rounds it falls in (each round times both sides next to each
// other): the pairs cancel it, the quartiles of the sides taken apart do not when it falls unevenly.
TEST(RoundSpeedup, APairedRoundCancelsWhatSlowsBothSides) {
  // The candidate is 2x faster in every round; the host is 3x slower in rounds 0-4 for the reference's
  // part of the round and in rounds 0-2 for the candidate's (the slow period ended between the two).
  const std::vector<double> ref = {6, 6, 6, 6, 6, 2, 2, 2};
  const std::vector<double> cand = {3, 3, 3, 1, 1, 1, 1, 1};
  const RoundSpeedup r = round_speedup(ref, cand);
  EXPECT_DOUBLE_EQ(r.lower_quartile_ratio, 2.0);
  EXPECT_GT(r.median_ratio, 2.5);  // the medians taken apart are misled
  EXPECT_DOUBLE_EQ(r.paired_median, 2.0);
}

// One-sided outliers (a round whose worker waited for a core) move neither the paired median nor the
// lower quartile while they are fewer than a quarter of the rounds.
TEST(RoundSpeedup, FewOneSidedOutliersMoveNothing) {
  std::vector<double> ref(12, 1.0), cand(12, 1.0);
  ref[1] = 5.0;
  cand[4] = 7.0;
  const RoundSpeedup r = round_speedup(ref, cand);
  EXPECT_DOUBLE_EQ(r.paired_median, 1.0);
  EXPECT_DOUBLE_EQ(r.lower_quartile_ratio, 1.0);
}

TEST(RoundSpeedup, UnequalOrEmptyRoundsAreRefused) {
  EXPECT_THROW(round_speedup({1.0}, {1.0, 2.0}), std::invalid_argument);
  EXPECT_THROW(round_speedup({}, {}), std::invalid_argument);
}

TEST(RoundSpeedup, QuantileInterpolates) {
  EXPECT_DOUBLE_EQ(quantile_of({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_of({4, 1, 3, 2}, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile_of({}, 0.5), 0.0);
}

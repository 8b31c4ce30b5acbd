// results/analysis/mann_whitney and gate_samples against values computed by hand: U counts the pairs
// (a > b, ties one half), the variance n1 n2 / 12 ((n + 1) - sum(t^3 - t) / (n (n - 1))), the continuity
// correction 0.5, two-sided p = erfc(|z| / sqrt 2).
#include <gtest/gtest.h>

#include <cmath>

#include "results/analysis/gate_samples.hpp"
#include "results/analysis/mann_whitney.hpp"

namespace kbench {
namespace {

TEST(MannWhitney, FullySeparatedSamplesWithoutTies) {
  // U = 0, mean 4.5, variance 9/12 * 7 = 5.25, z = -(4.5 - 0.5) / sqrt(5.25) = -1.74574, p = 0.080856.
  const MannWhitney r = mann_whitney_u({1, 2, 3}, {4, 5, 6});
  EXPECT_DOUBLE_EQ(r.u, 0);
  EXPECT_NEAR(r.z, -1.745743, 1e-6);
  EXPECT_NEAR(r.p_value, 0.0808556, 1e-6);
  const MannWhitney swapped = mann_whitney_u({4, 5, 6}, {1, 2, 3});
  EXPECT_DOUBLE_EQ(swapped.u, 9);
  EXPECT_NEAR(swapped.z, 1.745743, 1e-6);
  EXPECT_NEAR(swapped.p_value, r.p_value, 1e-12);
}

TEST(MannWhitney, TiesShareTheirRankAndShrinkTheVariance) {
  // a = {1, 2, 2, 3}, b = {2, 3, 4, 4, 5}: U = 0 + 0.5 + 0.5 + 1.5 = 2.5; ties 2 (x3), 3 (x2), 4 (x2) give
  // sum(t^3 - t) = 36, variance 20/12 (10 - 36/72) = 15.8333, z = -(7.5 - 0.5) / 3.97911 = -1.759186, p = 0.078546.
  const MannWhitney r = mann_whitney_u({1, 2, 2, 3}, {2, 3, 4, 4, 5});
  EXPECT_DOUBLE_EQ(r.u, 2.5);
  EXPECT_NEAR(r.z, -1.759186, 1e-6);
  EXPECT_NEAR(r.p_value, 0.0785459, 1e-6);
}

TEST(MannWhitney, SameValuesAndEmptySamplesTellNothing) {
  EXPECT_DOUBLE_EQ(mann_whitney_u({3, 1, 2}, {1, 2, 3}).p_value, 1);  // |U - mean| under the continuity correction
  EXPECT_DOUBLE_EQ(mann_whitney_u({5, 5, 5}, {5, 5}).p_value, 1);     // every value ties: no variance
  EXPECT_DOUBLE_EQ(mann_whitney_u({}, {1, 2}).p_value, 1);
}

TEST(MannWhitney, LargeSeparatedSamplesAreSignificant) {
  std::vector<double> a, b;
  for (int i = 0; i < 20; ++i) a.push_back(100 + i), b.push_back(200 + i);
  // U = 0, mean 200, variance 400 * 41 / 12 = 1366.67: z = -199.5 / 36.968 = -5.3965.
  const MannWhitney r = mann_whitney_u(a, b);
  EXPECT_NEAR(r.z, -5.39654, 1e-4);
  EXPECT_LT(r.p_value, 1e-6);
}

TEST(GateSamples, BlockMediansKeepTheOrderAndTheCount) {
  std::vector<double> s;
  for (int i = 0; i < 100; ++i) s.push_back(i);
  const auto b = block_medians(s, 20);
  ASSERT_EQ(b.size(), 20u);
  EXPECT_DOUBLE_EQ(b[0], 2);    // median of 0..4
  EXPECT_DOUBLE_EQ(b[19], 97);  // median of 95..99
  EXPECT_EQ(block_medians({3, 1, 2}, 20), (std::vector<double>{3, 1, 2}));
  EXPECT_DOUBLE_EQ(median_of({4, 1, 3, 2}), 2.5);
}

TEST(GateSamples, RelativeSamplesPairRoundsWhenTheyCan) {
  TimingSummary cand = summarize_samples({20, 40, 60}, "cpu-parent-clock");
  TimingSummary ref = summarize_samples({10, 20, 30}, "cpu-parent-clock");
  EXPECT_EQ(relative_samples(cand, ref), (std::vector<double>{2, 2, 2}));
  TimingSummary ref_other = summarize_samples({10, 20}, "cuda-events");  // 15 median, not paired
  EXPECT_EQ(relative_samples(cand, ref_other), (std::vector<double>{20.0 / 15, 40.0 / 15, 60.0 / 15}));
}

}  // namespace
}  // namespace kbench

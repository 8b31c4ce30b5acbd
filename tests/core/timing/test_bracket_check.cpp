// The parent's brackets against a worker's own clock (core/timing/bracket_check.hpp).
#include "core/timing/bracket_check.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace kbench {
namespace {

// Batches of a kernel taking `call_ns` with the given overhead, the worker claiming `claim_factor` of it.
std::vector<BatchBracket> batches(double call_ns, double fixed_ns, double per_call_ns, double claim_factor,
                                  const std::vector<int>& sizes) {
  std::vector<BatchBracket> out;
  for (int m : sizes) out.push_back({m, fixed_ns + m * (call_ns + per_call_ns), m * call_ns * claim_factor, 0});
  return out;
}

TEST(BracketCheck, TheOverheadIsFittedFromBatchesOfTwoSizes) {
  const auto o = fit_bracket_overhead(batches(50e3, 300e3, 40e3, 1.0, {5, 20, 20, 20, 20}));
  EXPECT_NEAR(o.fixed_ns, 300e3, 1);
  EXPECT_NEAR(o.per_call_ns, 40e3, 1);
  EXPECT_NEAR(o.spread_ns, 0, 1);
  EXPECT_EQ(o.batches, 5);
}

TEST(BracketCheck, BatchesOfOneSizeFoldTheFixedCostIntoEachCall) {
  const auto o = fit_bracket_overhead(batches(50e3, 300e3, 40e3, 1.0, {20, 20, 20}));
  EXPECT_EQ(o.fixed_ns, 0);
  EXPECT_NEAR(o.per_call_ns, 40e3 + 300e3 / 20, 1);
}

TEST(BracketCheck, OneSlowTrustedBatchDoesNotMoveTheFit) {
  auto trusted = batches(50e3, 300e3, 40e3, 1.0, {5, 5, 5, 20, 20, 20, 20});
  trusted[4].bracket_ns += 5e6;
  const auto o = fit_bracket_overhead(trusted);
  EXPECT_NEAR(o.per_call_ns, 40e3, 1);
  EXPECT_NEAR(o.fixed_ns, 300e3, 1);
}

TEST(BracketCheck, HonestClaimsAreConsistent) {
  const auto o = fit_bracket_overhead(batches(50e3, 300e3, 40e3, 1.0, {5, 20, 20, 20}));
  // A candidate twice as fast, with batches of other sizes.
  const auto j = judge_claims(batches(25e3, 300e3, 40e3, 1.0, {10, 40, 40}), o);
  EXPECT_TRUE(j.consistent) << j.explanation;
  EXPECT_NEAR(j.parent_per_call_ns, 25e3, 1);
  EXPECT_NEAR(j.claimed_per_call_ns, 25e3, 1);
  EXPECT_TRUE(j.explanation.empty());
}

// A slowed clock (the candidate rewrote the event timer) claims a sixteenth of the work.
TEST(BracketCheck, ClaimsFarBelowTheBracketsAreInconsistentAndTheParentsEstimateReplacesThem) {
  const auto o = fit_bracket_overhead(batches(50e3, 300e3, 40e3, 1.0, {5, 20, 20, 20}));
  const auto j = judge_claims(batches(50e3, 300e3, 40e3, 1.0 / 16, {10, 40, 40}), o);
  EXPECT_FALSE(j.consistent);
  EXPECT_NEAR(j.parent_per_call_ns, 50e3, 1);
  ASSERT_EQ(j.parent_batch_ns.size(), 3u);
  for (double ns : j.parent_batch_ns) EXPECT_NEAR(ns, 50e3, 1);
  EXPECT_NE(j.explanation.find("claimed 3.1 us per call"), std::string::npos) << j.explanation;
}

// Claims 5 % short are within the bound (10 % + 2 us); 25 % short are not.
TEST(BracketCheck, TheBoundIsTenPercentAndTwoMicroseconds) {
  const auto o = fit_bracket_overhead(batches(50e3, 300e3, 40e3, 1.0, {5, 20, 20, 20}));
  EXPECT_TRUE(judge_claims(batches(200e3, 300e3, 40e3, 0.95, {10, 40}), o).consistent);
  EXPECT_FALSE(judge_claims(batches(200e3, 300e3, 40e3, 0.75, {10, 40}), o).consistent);
  const auto tiny = judge_claims(batches(3e3, 300e3, 40e3, 0.5, {100, 400}), o);
  EXPECT_TRUE(tiny.consistent) << "1.5 us short of 3 us is inside the absolute 2 us";
  EXPECT_NEAR(tiny.allowed_shortfall_ns, 0.1 * 3e3 + 2000, 1);
}

// Witness copies are in the candidate's brackets only: their allowance keeps an honest claim consistent.
TEST(BracketCheck, AllowancesComeOffTheBracket) {
  const auto o = fit_bracket_overhead(batches(50e3, 300e3, 40e3, 1.0, {5, 20, 20, 20}));
  auto cand = batches(50e3, 300e3, 40e3, 1.0, {10, 40});
  for (auto& b : cand) {
    b.bracket_ns += 30e3 * b.calls;
    b.allowance_ns = 30e3 * b.calls;
  }
  EXPECT_TRUE(judge_claims(cand, o).consistent);
  EXPECT_NEAR(judge_claims(cand, o).parent_per_call_ns, 50e3, 1);
}

// A noisy trusted side (one batch's spread 2.7 ms on a loaded CI machine) widened the bound by 3 spreads,
// 8 ms, and a clock claiming 0.9 ms of 7.5 ms passed; the means over many batches are far less noisy.
TEST(BracketCheck, TheNoiseAllowedIsTheSpreadsStandardErrorOverTheBatches) {
  BracketOverhead o;
  o.per_call_ns = 12e6;
  o.fixed_ns = 6e6;
  o.spread_ns = 2.7e6;
  o.batches = 24;
  std::vector<BatchBracket> cand;
  for (int i = 0; i < 134; ++i) cand.push_back({1, 6e6 + 12e6 + 7.5e6, 0.9e6, 0});
  const auto j = judge_claims(cand, o);
  EXPECT_FALSE(j.consistent) << j.explanation;
  EXPECT_NEAR(j.allowed_shortfall_ns, 3 * 2.7e6 * std::sqrt(1.0 / 134 + 1.0 / 24) + 2000, 1);
}

TEST(BracketCheck, NoBatchIsRefused) {
  EXPECT_THROW(judge_claims({}, {}), std::invalid_argument);
  EXPECT_THROW(judge_claims({{0, 1, 1, 0}}, {}), std::invalid_argument);
  EXPECT_FALSE(fit_bracket_overhead({}).known());
}

}  // namespace
}  // namespace kbench

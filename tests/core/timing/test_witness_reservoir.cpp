// WitnessReservoir: every timed call is equally likely to be kept, whatever its position, and a call that
// is not kept never displaces one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/timing/witness_keeper.hpp"
#include "core/timing/witness_reservoir.hpp"

namespace kbench {
namespace {

TEST(WitnessReservoir, TheFirstCallsFillTheSlotsInOrder) {
  WitnessReservoir r(3, 1);
  EXPECT_EQ(r.calls(), (std::vector<std::int64_t>{-1, -1, -1}));
  EXPECT_EQ(r.offer(0), 0u);
  EXPECT_EQ(r.offer(1), 1u);
  EXPECT_EQ(r.calls(), (std::vector<std::int64_t>{0, 1, -1}));
  EXPECT_EQ(r.offer(2), 2u);
  EXPECT_EQ(r.calls(), (std::vector<std::int64_t>{0, 1, 2}));
}

TEST(WitnessReservoir, NoSlotsKeepNothing) {
  WitnessReservoir r(0, 1);
  EXPECT_FALSE(r.offer(0).has_value());
  EXPECT_TRUE(r.calls().empty());
}

// 40 calls, 4 slots, 20,000 reservoirs: each call is kept with probability 4/40 = 0.1. A reservoir that
// favoured the first calls (never replacing) or the last (always replacing) is far outside the band.
TEST(WitnessReservoir, EveryCallIsKeptWithTheSameProbability) {
  constexpr int kCalls = 40, kSlots = 4, kRuns = 20000;
  std::vector<int> kept(kCalls, 0);
  for (int run = 0; run < kRuns; ++run) {
    WitnessReservoir r(kSlots, 1000 + static_cast<std::uint64_t>(run));
    for (int c = 0; c < kCalls; ++c) r.offer(c);
    std::vector<std::int64_t> calls = r.calls();
    std::sort(calls.begin(), calls.end());
    ASSERT_EQ(std::adjacent_find(calls.begin(), calls.end()), calls.end()) << "a call kept twice";
    for (auto c : calls) {
      ASSERT_GE(c, 0);
      ++kept[static_cast<std::size_t>(c)];
    }
  }
  const double p = static_cast<double>(kSlots) / kCalls, mean = p * kRuns, sd = std::sqrt(kRuns * p * (1 - p));
  for (int c = 0; c < kCalls; ++c)
    EXPECT_NEAR(kept[static_cast<std::size_t>(c)], mean, 5 * sd) << "call " << c;  // 5 sd: 1 in 1.7e6 per call
}

// A candidate that computes one call in k: with 4 witnesses over 100 calls, the chance that no witness
// holds a skipped call is about (1/k)^4; over 2,000 reservoirs with k = 2 that is ~6 %, never most.
TEST(WitnessReservoir, SkippingHalfTheCallsIsSeenAlmostAlways) {
  int unseen = 0;
  for (int run = 0; run < 2000; ++run) {
    WitnessReservoir r(4, 77 + static_cast<std::uint64_t>(run));
    for (int c = 0; c < 100; ++c) r.offer(c);
    const auto& calls = r.calls();
    if (std::all_of(calls.begin(), calls.end(), [](std::int64_t c) { return c % 2 == 0; })) ++unseen;
  }
  EXPECT_LT(unseen, 2000 * 0.10);
  EXPECT_GT(unseen, 2000 * 0.03);
}


CallLayout one_output_layout(std::size_t input_offset, std::size_t output_offset, std::size_t bytes) {
  CallLayout l;
  l.args.push_back({ArgSlot::Kind::tensor, "x", false, DType::f32, input_offset, bytes});
  l.args.push_back({ArgSlot::Kind::tensor, "y", true, DType::f32, output_offset, bytes});
  return l;
}

// The first timed calls fill the witnesses: each copies the set's output to its witness's region; a
// witness whose output size differs from its set's is refused before anything runs.
TEST(WitnessKeeper, CopiesOutputsToTheKeptWitnessAndRefusesMismatchedLayouts) {
  const std::vector<CallLayout> sets = {one_output_layout(0, 1024, 64)};
  const std::vector<CallLayout> witnesses = {one_output_layout(0, 4096, 64), one_output_layout(0, 8192, 64)};
  WitnessKeeper keeper(sets, witnesses);
  auto first = keeper.offer(0);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].from, 1024u);
  EXPECT_EQ(first[0].to, 4096u);
  EXPECT_EQ(first[0].bytes, 64u);
  EXPECT_EQ(keeper.offer(0).at(0).to, 8192u);
  EXPECT_EQ(keeper.calls(), nlohmann::json::parse("[[0, 1]]"));
  EXPECT_TRUE(WitnessKeeper(sets, {}).calls().is_null());
  const std::vector<CallLayout> wrong = {one_output_layout(0, 4096, 32)};
  EXPECT_THROW(WitnessKeeper(sets, wrong), std::invalid_argument);
  const std::vector<CallLayout> two_sets = {sets[0], sets[0]};
  EXPECT_THROW(WitnessKeeper(two_sets, wrong), std::invalid_argument);  // not a whole number per set
}

// Large outputs are sampled: 64 rows of 4 KiB at a random phase, one every 1/64 of the output, so every
// stretch longer than the stride holds a row (a candidate that leaves part of an output unwritten is seen).
TEST(WitnessSample, LargeOutputsKeepRowsSpanningTheWholeOutputAtARandomPhase) {
  const std::size_t bytes = std::size_t{64} << 20;  // 16M floats
  EXPECT_TRUE(sample_output(2 * kWitnessSampleRows * kWitnessSampleWidthBytes, 4, 7).whole());
  const OutputSample o = sample_output(bytes, 4, 123456789);
  ASSERT_FALSE(o.whole());
  EXPECT_EQ(o.rows, kWitnessSampleRows);
  EXPECT_EQ(o.width, kWitnessSampleWidthBytes);
  EXPECT_EQ(o.stride, bytes / kWitnessSampleRows);
  EXPECT_EQ(o.phase % 4, 0u);
  EXPECT_LE(o.phase + (o.rows - 1) * o.stride + o.width, bytes);
  EXPECT_EQ(o.kept_bytes(bytes), kWitnessSampleRows * kWitnessSampleWidthBytes);
  EXPECT_NE(sample_output(bytes, 4, 1).phase, sample_output(bytes, 4, 2).phase);
  // 3-byte elements: rows of whole elements.
  const OutputSample odd = sample_output(bytes, 3, 5);
  EXPECT_EQ(odd.width % 3, 0u);
  EXPECT_EQ(odd.stride % 3, 0u);
  EXPECT_EQ(odd.phase % 3, 0u);
  const WitnessSamples samples = {{OutputSample{}, o}};
  EXPECT_EQ(witness_samples_from_json(to_json(samples)), samples);
  EXPECT_THROW(witness_samples_from_json(nlohmann::json::parse("[[[1, 2]]]")), std::invalid_argument);
}

TEST(WitnessKeeper, ASampledWitnessCopiesItsRowsAndRefusesASampleOutsideTheOutput) {
  const std::size_t bytes = std::size_t{4} << 20;
  const std::vector<CallLayout> sets = {one_output_layout(0, 1024, bytes)};
  const OutputSample o = sample_output(bytes, 4, 99);
  const std::vector<CallLayout> witnesses = {one_output_layout(0, 1024 + bytes + 256, o.kept_bytes(bytes))};
  WitnessKeeper keeper(sets, witnesses, {{OutputSample{}, o}});
  const auto copies = keeper.offer(0);
  ASSERT_EQ(copies.size(), 1u);
  EXPECT_EQ(copies[0].from, 1024 + o.phase);
  EXPECT_EQ(copies[0].to, 1024 + bytes + 256);
  EXPECT_EQ(copies[0].bytes, o.width);
  EXPECT_EQ(copies[0].rows, o.rows);
  EXPECT_EQ(copies[0].stride, o.stride);
  OutputSample beyond = o;
  beyond.phase = o.stride;  // the last row would end past the output
  EXPECT_THROW(WitnessKeeper(sets, witnesses, {{OutputSample{}, beyond}}), std::invalid_argument);
  OutputSample wraps = o;
  wraps.phase = ~std::size_t{0} - 100;  // phase + width wraps around to a small number
  EXPECT_THROW(WitnessKeeper(sets, witnesses, {{OutputSample{}, wraps}}), std::invalid_argument);
  EXPECT_THROW(WitnessKeeper(sets, witnesses, {{OutputSample{}, OutputSample{}}}), std::invalid_argument);  // too small for all
}

}  // namespace
}  // namespace kbench

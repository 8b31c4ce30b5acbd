// Expected values kept in their dtype: exact copies, row gathers, and the comparison reading them.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "harness/eval/compare.hpp"
#include "harness/eval/expected_values.hpp"

using namespace kbench;

TEST(ExpectedValues, KeepsEveryDtypeExactly) {
  std::vector<_Float16> h = {static_cast<_Float16>(0.1f), static_cast<_Float16>(-65504.0f), static_cast<_Float16>(3e-5f)};
  const ExpectedValues e = ExpectedValues::copy_of(DType::f16, h.data(), h.size());
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e.dtype(), DType::f16);
  for (std::size_t i = 0; i < h.size(); ++i) EXPECT_EQ(e[i], static_cast<double>(h[i]));
  std::vector<std::int64_t> big = {(std::int64_t{1} << 52) + 1, -7};
  const ExpectedValues ei = ExpectedValues::copy_of(DType::i64, big.data(), big.size());
  EXPECT_EQ(ei[0], static_cast<double>(big[0]));
  EXPECT_EQ(ei[1], -7.0);
  const ExpectedValues d(std::vector<double>{1.0 / 3.0, -0.0});
  EXPECT_EQ(d.dtype(), DType::f64);
  EXPECT_EQ(d[0], 1.0 / 3.0);
  EXPECT_TRUE(std::signbit(d[1]));
}

TEST(ExpectedValues, AssignReusesAndReplacesTheValues) {
  std::vector<float> a(1000, 1.5f), b(10, -2.0f);
  ExpectedValues e = ExpectedValues::copy_of(DType::f32, a.data(), a.size());
  e.assign(DType::f32, b.data(), b.size());
  ASSERT_EQ(e.size(), 10u);
  for (std::size_t i = 0; i < e.size(); ++i) EXPECT_EQ(e[i], -2.0);
}

TEST(ExpectedValues, GatherTakesTheRangesInOrderAndRefusesOnesPastTheEnd) {
  std::vector<float> v(20);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i);
  const ExpectedValues e = ExpectedValues::copy_of(DType::f32, v.data(), v.size());
  const ExpectedValues g = e.gather({{2, 3}, {10, 2}, {19, 1}});
  ASSERT_EQ(g.size(), 6u);
  const std::vector<double> want = {2, 3, 4, 10, 11, 19};
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(g[i], want[i]);
  EXPECT_THROW(e.gather({{18, 3}}), std::out_of_range);
  EXPECT_THROW(e.gather({{21, 0}}), std::out_of_range);
}

// A reference's bf16 outputs as the expected values: the same bytes pass, one changed element fails at
// its index, with the reference's value as the expected one.
TEST(ExpectedValues, CompareReadsAReferencesOwnDtype) {
  std::vector<std::uint16_t> ref(4096);
  for (std::size_t i = 0; i < ref.size(); ++i) ref[i] = static_cast<std::uint16_t>(0x3F80 + (i % 64));  // 1.0 .. ~1.5
  const ExpectedValues e = ExpectedValues::copy_of(DType::bf16, ref.data(), ref.size());
  EXPECT_TRUE(compare_output("y", DType::bf16, ref.data(), e, default_tolerance(DType::bf16)).pass);
  std::vector<std::uint16_t> got = ref;
  got[1234] = 0x4080;  // 4.0
  const CompareResult r = compare_output("y", DType::bf16, got.data(), e, default_tolerance(DType::bf16));
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.metrics.first_mismatch, 1234);
  ASSERT_FALSE(r.metrics.examples.empty());
  EXPECT_EQ(r.metrics.examples.front().got, 4.0);
  EXPECT_EQ(r.metrics.examples.front().expected, e[1234]);
}

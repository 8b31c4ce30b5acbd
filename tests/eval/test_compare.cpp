// Output comparison: tolerances, non-finite values, norm-wise error, integers exact.
#include <gtest/gtest.h>

#include <cmath>

#include "harness/eval/compare.hpp"

using namespace kbench;

TEST(Compare, AcceptsFloat32RoundingAndReportsMetrics) {
  std::vector<double> expected = {1.0 / 3.0, 2.0, -5.5, 1e-3};
  std::vector<float> got;
  for (double e : expected) got.push_back(static_cast<float>(e));
  const auto r = compare_output("y", DType::f32, got.data(), expected, default_tolerance(DType::f32));
  EXPECT_TRUE(r.pass) << r.reason;
  EXPECT_GT(r.metrics.max_abs, 0.0);
  EXPECT_LT(r.metrics.nrel, 1e-7);
  EXPECT_EQ(r.metrics.first_mismatch, -1);
}

TEST(Compare, NanWhereFiniteExpectedFails) {
  std::vector<double> expected = {1, 2, 3};
  std::vector<float> got = {1, NAN, 3};
  const auto r = compare_output("y", DType::f32, got.data(), expected, default_tolerance(DType::f32));
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.metrics.first_mismatch, 1);
  EXPECT_NE(r.reason.find("element 1"), std::string::npos) << r.reason;
}

TEST(Compare, InfinityMustMatchInSign) {
  std::vector<double> expected = {INFINITY, -INFINITY};
  std::vector<float> same = {INFINITY, -INFINITY}, flipped = {INFINITY, INFINITY};
  EXPECT_TRUE(compare_output("y", DType::f32, same.data(), expected, default_tolerance(DType::f32)).pass);
  EXPECT_FALSE(compare_output("y", DType::f32, flipped.data(), expected, default_tolerance(DType::f32)).pass);
}

TEST(Compare, NormwiseToleranceCatchesSmallSystematicErrors) {
  // Every element off by 1e-4 relative: within rtol 1e-3 element-wise, but far over nrel 1e-5.
  std::vector<double> expected(1000);
  std::vector<float> got(1000);
  for (int i = 0; i < 1000; ++i) {
    expected[i] = 1.0 + i;
    got[i] = static_cast<float>(expected[i] * (1 + 1e-4));
  }
  const auto r = compare_output("y", DType::f32, got.data(), expected, default_tolerance(DType::f32));
  EXPECT_FALSE(r.pass);
  EXPECT_NEAR(r.metrics.nrel, 1e-4, 1e-6);
  EXPECT_NE(r.reason.find("norm-wise"), std::string::npos) << r.reason;
}

TEST(Compare, IntegersCompareExactly) {
  std::vector<double> expected = {3, 7, 9};
  std::vector<std::int64_t> good = {3, 7, 9}, bad = {3, 8, 9};
  EXPECT_TRUE(compare_output("i", DType::i64, good.data(), expected, default_tolerance(DType::i64)).pass);
  const auto r = compare_output("i", DType::i64, bad.data(), expected, default_tolerance(DType::i64));
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.metrics.first_mismatch, 1);
}

TEST(Compare, HalfPrecisionToleranceFitsHalfRounding) {
  std::vector<double> expected;
  std::vector<_Float16> got;
  for (int i = 0; i < 512; ++i) {
    expected.push_back(std::sin(i) * 10);
    got.push_back(static_cast<_Float16>(expected.back()));
  }
  EXPECT_TRUE(compare_output("y", DType::f16, got.data(), expected, default_tolerance(DType::f16)).pass);
  got[17] = static_cast<_Float16>(static_cast<float>(got[17]) + 1.0f);
  EXPECT_FALSE(compare_output("y", DType::f16, got.data(), expected, default_tolerance(DType::f16)).pass);
}

TEST(Compare, NumericallyZeroOutputsAreJudgedAtTheAbsoluteScale) {
  // One gelu element deep in the negative tail: the float64 value is -8e-11, float32 gives 0.
  std::vector<double> expected = {-8.3e-11};
  std::vector<float> got = {0.0f};
  EXPECT_TRUE(compare_output("y", DType::f32, got.data(), expected, default_tolerance(DType::f32)).pass);
  // In bfloat16 too the floor is the float32 accumulator's (an honest kernel computes in float32 and rounds
  // once, relative to the value): 0 for -1e-8 passes, 0 for -1e-6 (bfloat16 arithmetic) does not.
  const std::vector<std::uint16_t> zero_bf16 = {0};
  EXPECT_TRUE(compare_output("y", DType::bf16, zero_bf16.data(), std::vector<double>{-1e-8}, default_tolerance(DType::bf16)).pass);
  EXPECT_FALSE(compare_output("y", DType::bf16, zero_bf16.data(), std::vector<double>{-1e-6}, default_tolerance(DType::bf16)).pass);
}

TEST(Compare, SmallButMeaningfulOutputsStillNeedTheirRelativeAccuracy) {
  // Softmax-like outputs of ~3e-5: returning zeros passes the element-wise bound but not the norm-wise one.
  // Outputs of ~3e-4 with a 1e-3 relative error (16-bit arithmetic; 3e-7 absolute, above float32's absolute
  // scale of 6e-8) fail too.
  std::vector<double> expected(1000, 3e-5), larger(1000, 3e-4);
  std::vector<float> zeros(1000, 0.0f), off(1000);
  for (std::size_t i = 0; i < off.size(); ++i) off[i] = static_cast<float>(larger[i] * (1 + 1e-3));
  EXPECT_FALSE(compare_output("y", DType::f32, zeros.data(), expected, default_tolerance(DType::f32)).pass);
  EXPECT_FALSE(compare_output("y", DType::f32, off.data(), larger, default_tolerance(DType::f32)).pass);
}

TEST(Compare, ATinyErrorOnAnExactZeroPasses) {
  // loss/cross_entropy at N = C = 1: the true loss is exactly 0. An error of 1e-8 (below float32's absolute
  // scale, 6e-8) passes; one of 1e-6 does not, although it is within the element-wise atol.
  const std::vector<double> zero = {0.0};
  const std::vector<float> tiny = {1e-8f}, small = {1e-6f};
  const Tolerance tol = default_tolerance(DType::f32);
  EXPECT_TRUE(compare_output("out", DType::f32, tiny.data(), zero, tol).pass);
  const auto r = compare_output("out", DType::f32, small.data(), zero, tol);
  EXPECT_FALSE(r.pass);
  EXPECT_NE(r.reason.find("norm-wise"), std::string::npos) << r.reason;
}

TEST(Compare, NormwiseFailuresListTheWorstElements) {
  std::vector<double> expected(100);
  std::vector<float> got(100);
  for (int i = 0; i < 100; ++i) {
    expected[i] = 1.0 + i;
    got[i] = static_cast<float>(expected[i] * (1 + 1e-4));
  }
  got[42] = static_cast<float>(expected[42] * (1 + 5e-4));  // still within rtol element-wise
  const auto r = compare_output("y", DType::f32, got.data(), expected, default_tolerance(DType::f32));
  ASSERT_FALSE(r.pass);
  ASSERT_EQ(r.metrics.examples.size(), 5u);
  EXPECT_EQ(r.metrics.examples[0].index, 42);
  EXPECT_EQ(r.metrics.examples[1].index, 99);  // then the largest values, whose relative error is the same
  EXPECT_EQ(r.metrics.failing_output, "y");
  EXPECT_NE(r.reason.find("worst element 42"), std::string::npos) << r.reason;
}

TEST(Compare, APassingOutputNamesNoFailingOutput) {
  const std::vector<double> expected = {1, 2};
  const std::vector<float> got = {1, 2};
  EXPECT_EQ(compare_output("y", DType::f32, got.data(), expected, default_tolerance(DType::f32)).metrics.failing_output, "");
}

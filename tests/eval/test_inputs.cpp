// Input generation: deterministic per seed, different across seeds, honours distributions and jitter.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "harness/eval/inputs.hpp"

using namespace kbench;

namespace {
Argument input(const std::string& kind, double a, double b, double jitter = 0) {
  Argument arg;
  arg.name = "x";
  arg.role = ArgRole::input;
  arg.dtype = DType::f32;
  arg.dist.kind = kind;
  arg.dist.a = a;
  arg.dist.b = b;
  arg.dist.jitter = jitter;
  return arg;
}
std::vector<float> draw(const Argument& a, std::int64_t n, std::uint64_t seed) {
  std::vector<float> v(static_cast<std::size_t>(n));
  generate_input(a, {}, n, seed, v.data());
  return v;
}
double mean(const std::vector<float>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); }
}  // namespace

TEST(Inputs, SameSeedSameDataDifferentSeedDifferentData) {
  const Argument a = input("normal", 0, 1);
  EXPECT_EQ(draw(a, 200000, 42), draw(a, 200000, 42));  // spans several chunks
  EXPECT_NE(draw(a, 1000, 42), draw(a, 1000, 43));
}

TEST(Inputs, NormalAndUniformHaveTheirMoments) {
  const auto n = draw(input("normal", 3.0, 2.0), 400000, 1);
  EXPECT_NEAR(mean(n), 3.0, 0.02);
  const auto u = draw(input("uniform", -1.0, 5.0), 400000, 2);
  EXPECT_NEAR(mean(u), 2.0, 0.02);
  EXPECT_GE(*std::min_element(u.begin(), u.end()), -1.0f);
  EXPECT_LT(*std::max_element(u.begin(), u.end()), 5.0f);
}

TEST(Inputs, JitterMovesTheStatisticsBetweenTrials) {
  const Argument a = input("normal", 0.0, 1.0, 0.8);
  double lo = 1e9, hi = -1e9;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const double m = mean(draw(a, 20000, seed));
    lo = std::min(lo, m);
    hi = std::max(hi, m);
  }
  EXPECT_GT(hi - lo, 0.5) << "per-trial means should spread with jitter 0.8";
}

TEST(Inputs, StudentTHasHeavyTails) {
  const auto t = draw(input("student_t", 0.0, 1.0), 200000, 5);
  const auto n = draw(input("normal", 0.0, 1.0), 200000, 5);
  auto maxabs = [](const std::vector<float>& v) {
    float m = 0;
    for (float x : v) m = std::max(m, std::abs(x));
    return m;
  };
  EXPECT_GT(maxabs(t), 2 * maxabs(n));
}

TEST(Inputs, StudentTHasItsVariance) {
  // df = 5: variance df / (df - 2) = 5/3.
  Argument a = input("student_t", 0.0, 1.0);
  a.dist.df = 5;
  const auto v = draw(a, 400000, 11);
  double sq = 0;
  for (float x : v) sq += static_cast<double>(x) * x;
  EXPECT_NEAR(sq / static_cast<double>(v.size()), 5.0 / 3.0, 0.05);
  EXPECT_NEAR(mean(v), 0.0, 0.01);
}

// Kolmogorov-Smirnov distance between the draws and the exact CDF, against its 1 % critical value
// 1.63 / sqrt(n). A generator with a wrong shape (a bad table, a wedge accepted without its test, a
// missing tail) fails here even when its mean and variance look right: with n = 4 * 10^6 the bound is
// 8.2e-4, and accepting every ziggurat wedge point moves the CDF by 1.1e-3. Seeds are fixed, so the
// test is deterministic.
void expect_ks(std::vector<float> v, double (*cdf)(double)) {
  std::sort(v.begin(), v.end());
  const double n = static_cast<double>(v.size());
  double worst = 0, at = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double f = cdf(v[i]);
    const double d = std::max(std::abs(static_cast<double>(i + 1) / n - f), std::abs(f - static_cast<double>(i) / n));
    if (d > worst) worst = d, at = v[i];
  }
  EXPECT_LT(worst, 1.63 / std::sqrt(n)) << "largest CDF difference at " << at;
}
double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
// Student's t with 3 degrees of freedom: 1/2 + (u / (1 + u^2) + atan(u)) / pi with u = t / sqrt(3).
double t3_cdf(double t) {
  const double u = t / std::sqrt(3.0);
  return 0.5 + (u / (1 + u * u) + std::atan(u)) / M_PI;
}

TEST(Inputs, NormalFollowsItsDistributionFunctionIntoTheTails) {
  const auto v = draw(input("normal", 0.0, 1.0), 4000000, 21);
  expect_ks(v, normal_cdf);
  // The far tail exists at its rate: P(|x| > 3.5) = 4.65e-4, about 1861 of 4 * 10^6 (sd 43).
  const auto far = std::count_if(v.begin(), v.end(), [](float x) { return std::abs(x) > 3.5f; });
  EXPECT_GT(far, 1650);
  EXPECT_LT(far, 2070);
}

TEST(Inputs, StudentTFollowsItsDistributionFunction) {
  Argument a = input("student_t", 0.0, 1.0);
  a.dist.df = 3;
  expect_ks(draw(a, 4000000, 23), t3_cdf);
}

TEST(Inputs, RandintStaysWithinItsExpressionBound) {
  Argument a = input("randint", 2, 0);
  a.dtype = DType::i64;
  a.dist.int_high = Expr::parse("V-1");
  std::vector<std::int64_t> v(10000);
  generate_input(a, {{"V", 10}}, 10000, 9, v.data());
  EXPECT_EQ(*std::min_element(v.begin(), v.end()), 2);
  EXPECT_EQ(*std::max_element(v.begin(), v.end()), 9);
}

// Input generation: deterministic per seed, different across seeds, honours distributions and jitter.
#include <gtest/gtest.h>

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

TEST(Inputs, RandintStaysWithinItsExpressionBound) {
  Argument a = input("randint", 2, 0);
  a.dtype = DType::i64;
  a.dist.int_high = Expr::parse("V-1");
  std::vector<std::int64_t> v(10000);
  generate_input(a, {{"V", 10}}, 10000, 9, v.data());
  EXPECT_EQ(*std::min_element(v.begin(), v.end()), 2);
  EXPECT_EQ(*std::max_element(v.begin(), v.end()), 9);
}

// Honest float32 GELU against the catalog's tolerances where 1 + erf(x/sqrt 2) and 1 + tanh(...) cancel
// (x below about -4): the result is tiny and float32 errs by ulps of the order-1 term, up to 7.7e-8
// absolute, more than the model's floor (6e-8). Each tail value alone (the n = 1 and n = 2 check shapes)
// was rejected before the specs set a floor: a reference kernel failed its own baseline on one seed in
// ~100 (activation/gelu_erf, x = -4.9: norm-wise relative error 0.00874 against 0.00782).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/spec/catalog.hpp"
#include "harness/eval/compare.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {

float bf16_bits_to_float(std::uint16_t h) {
  const std::uint32_t bits = static_cast<std::uint32_t>(h) << 16;
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}
std::uint16_t float_to_bf16_bits(float f) {  // round to nearest even, as the reference does
  std::uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  bits += 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<std::uint16_t>(bits >> 16);
}

const TaskSpec& task(const std::string& id) {
  static const Catalog catalog = Catalog::load(test::source_dir() / "tasks");
  return catalog.get(id);
}

const Argument& output_of(const TaskSpec& t) {
  for (const auto& a : t.arguments)
    if (a.role == ArgRole::output) return a;
  throw std::runtime_error(t.id + " has no output");
}

// Every bfloat16 x in [-12, -2], each as the whole output at the n = 1 check shape.
TEST(CancellationTolerance, HonestFloat32ExactGeluPassesOnEveryTailValue) {
  const TaskSpec& t = task("activation/gelu_erf");
  const Tolerance tol = t.tolerance_for(output_of(t), {{"n", 1}});
  int checked = 0;
  for (std::uint32_t h = 0x8000; h < 0xff80; ++h) {
    const float x = bf16_bits_to_float(static_cast<std::uint16_t>(h));
    if (!(x >= -12.0f && x <= -2.0f)) continue;
    const std::uint16_t y = float_to_bf16_bits(0.5f * x * (1.0f + std::erf(x * 0.7071067811865476f)));
    const std::vector<double> expected{0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)))};
    const CompareResult r = compare_output("y", DType::bf16, &y, expected, tol);
    EXPECT_TRUE(r.pass) << "x = " << x << ": " << r.reason;
    ++checked;
  }
  EXPECT_GT(checked, 200);
}

// Pairs of float32 tail values at the n = 2 check shape of the tanh approximation.
TEST(CancellationTolerance, HonestFloat32TanhGeluPassesOnTailPairs) {
  const TaskSpec& t = task("activation/gelu_tanh");
  const Tolerance tol = t.tolerance_for(output_of(t), {{"n", 2}});
  auto honest = [](float x) {
    const float c = 0.7978845608028654f;
    return 0.5f * x * (1.0f + std::tanh(c * (x + 0.044715f * x * x * x)));
  };
  auto exact = [](double x) { return 0.5 * x * (1.0 + std::tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))); };
  for (float x = -9.0f; x <= -3.0f; x += 1.0f / 256) {
    const float pair[2] = {honest(x), honest(x)};
    const std::vector<double> expected{exact(x), exact(x)};
    const CompareResult r = compare_output("y", DType::f32, pair, expected, tol);
    EXPECT_TRUE(r.pass) << "x = " << x << ": " << r.reason;
  }
}

}  // namespace
}  // namespace kbench

// The tolerance model: grows with the reduction length, 16-bit outputs get their rounding, integers are
// exact, overrides replace only what they set, and specs state reduce lengths and override reasons.
#include <gtest/gtest.h>

#include <cmath>

#include "core/spec/task_spec.hpp"

using namespace kbench;

TEST(ToleranceModel, GrowsWithTheReductionLength) {
  const Tolerance one = model_tolerance(DType::f32, 1), big = model_tolerance(DType::f32, 32769);
  EXPECT_LT(one.nrel, 1e-5);
  EXPECT_GT(big.nrel, 5 * one.nrel);
  // Above an honest float32 sum over 32k terms (llm.c's softmax: 2e-5 to 5e-5), below an output rounded to
  // half (about 2.4e-4).
  EXPECT_GT(big.nrel, 1e-4);
  EXPECT_LT(big.nrel, 2e-4);
  // Above a plain float32 sum of a million positive heavy-tailed terms (mse_loss: about 1e-3).
  EXPECT_GT(model_tolerance(DType::f32, 1e6).nrel, 2e-3);
  // The formula: u·(kBase + kReduce·sqrt(K) + kSum·K).
  using M = ToleranceModel;
  const double u = unit_roundoff(DType::f32);
  EXPECT_DOUBLE_EQ(big.nrel, u * (M::kBase + M::kReduce * std::sqrt(32769.0) + M::kSum * 32769));
}

TEST(ToleranceModel, SixteenBitOutputsAddTheirRoundingAndIntegersAreExact) {
  EXPECT_GT(model_tolerance(DType::f16, 1).nrel, 2 * unit_roundoff(DType::f16));
  EXPECT_GT(model_tolerance(DType::bf16, 1).nrel, 2 * unit_roundoff(DType::bf16));
  EXPECT_LT(model_tolerance(DType::f16, 1).nrel, model_tolerance(DType::bf16, 1).nrel);
  const Tolerance i = model_tolerance(DType::i64, 1000);
  EXPECT_EQ(i.nrel, 0.0);
  EXPECT_EQ(i.atol, 0.0);
  EXPECT_EQ(i.floor, 0.0);
  // The floor is the accumulator's absolute scale (half an ulp of 1), whatever the reduction length: the
  // same for every type that accumulates in float32 (16-bit outputs round relative to their value).
  EXPECT_EQ(model_tolerance(DType::f32, 1).floor, unit_roundoff(DType::f32));
  EXPECT_EQ(model_tolerance(DType::f32, 1e6).floor, unit_roundoff(DType::f32));
  EXPECT_EQ(model_tolerance(DType::bf16, 1).floor, unit_roundoff(DType::f32));
  EXPECT_LT(model_tolerance(DType::f64, 1).floor, 1e-15);
}

TEST(ToleranceModel, OverridesReplaceOnlyTheFieldsTheySet) {
  ToleranceOverride o;
  o.nrel = 0;
  const Tolerance m = model_tolerance(DType::f32, 10), t = apply_override(m, o);
  EXPECT_EQ(t.nrel, 0.0);
  EXPECT_EQ(t.atol, m.atol);
  EXPECT_EQ(t.floor, m.floor);
}

namespace {
nlohmann::json small_spec() {
  return nlohmann::json::parse(R"J({
    "id": "t/reduce", "category": "t", "level": 1, "description": "d",
    "arguments": [
      {"name": "x", "role": "input", "shape": ["rows", "cols"]},
      {"name": "y", "role": "output", "shape": ["rows"], "reduce": "cols"},
      {"name": "i", "role": "output", "dtype": "i64", "shape": ["rows"], "reduce": "cols"},
      {"name": "rows", "role": "size"}, {"name": "cols", "role": "size"},
      {"name": "scale", "role": "scalar", "value": 0.5, "confusable": ["rsqrt(cols)", 1, "cols"]}
    ],
    "shapes": {"check": [{"rows": 2, "cols": 4}, {"rows": 2, "cols": 40000}], "bench": [{"rows": 2, "cols": 4}]},
    "flops": "rows*cols", "bytes": "4*rows*cols", "references": {"cpu": "cpu/x.cpp"}
  })J");
}
}  // namespace

TEST(ToleranceSpec, ReduceIsAnExpressionOverSizesPerOutput) {
  const TaskSpec t = parse_task_spec(small_spec(), "t.json");
  const SizeEnv env = t.sizes(t.shapes.at("check")[1]);
  EXPECT_EQ(t.reduce_length(t.arguments[1], env), 40000);
  EXPECT_DOUBLE_EQ(t.tolerance_for(t.arguments[1], env).nrel, model_tolerance(DType::f32, 40000).nrel);
  EXPECT_EQ(t.tolerance_for(t.arguments[2], env).nrel, 0.0);  // integer outputs stay exact
  const auto [tight, loose] = t.check_tolerance_span(t.arguments[1]);
  EXPECT_DOUBLE_EQ(tight.nrel, model_tolerance(DType::f32, 4).nrel);
  EXPECT_DOUBLE_EQ(loose.nrel, model_tolerance(DType::f32, 40000).nrel);
  ASSERT_EQ(t.arguments[5].confusable.size(), 3u);
  EXPECT_DOUBLE_EQ(t.arguments[5].confusable[0].eval(env), 1.0 / 200.0);
  EXPECT_DOUBLE_EQ(t.arguments[5].confusable[1].eval(env), 1.0);
  EXPECT_DOUBLE_EQ(t.arguments[5].confusable[2].eval(env), 40000.0);
}

TEST(ToleranceSpec, BadReduceAndOverridesWithoutAReasonAreErrors) {
  auto expect_error = [](nlohmann::json j, const std::string& field) {
    try {
      parse_task_spec(j, "t.json");
      FAIL() << "accepted: " << field;
    } catch (const SpecError& e) {
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
  };
  auto j = small_spec();
  j["arguments"][1]["reduce"] = "colz";
  expect_error(j, "arguments[1].reduce");
  j = small_spec();
  j["arguments"][0]["reduce"] = "cols";
  expect_error(j, "arguments[0].reduce");
  j = small_spec();
  j["tolerance"] = {{"nrel", 1e-3}};
  expect_error(j, "tolerance.reason");
  j = small_spec();
  j["tolerance"] = {{"nrel", 1e-3}, {"reason", "r"}, {"slack", 2}};
  expect_error(j, "tolerance.slack");
  j = small_spec();
  j["arguments"][5]["confusable"] = {"rsqrt(colz)"};
  expect_error(j, "confusable[0]");
}

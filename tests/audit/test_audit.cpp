// `kbench audit` (harness/audit): the shipped catalog passes; the audit fails, naming the task, when a
// task's tolerance is loosened 100x or when a scalar argument's check values all equal its default; the
// mutants themselves.
#include <gtest/gtest.h>

#include <cmath>

#include "core/spec/catalog.hpp"
#include "harness/audit/audit.hpp"
#include "harness/audit/mutants.hpp"
#include "tests/test_support.hpp"

using namespace kbench;

namespace {
const Catalog& catalog() {
  static const Catalog c = Catalog::load(test::source_dir() / "tasks");
  return c;
}

std::string problems_of(const TaskAudit& a) {
  std::string s;
  for (const auto& p : a.problems) s += "\n  " + p;
  return s;
}

bool has_floating_output(const TaskSpec& t) {
  for (const auto& a : t.arguments)
    if (a.role == ArgRole::output && is_floating(a.dtype)) return true;
  return false;
}
}  // namespace

TEST(Audit, EveryTaskOfTheCatalogPasses) {
  int audited = 0;
  for (const auto& t : catalog().tasks()) {
    const TaskAudit a = audit_task(t);
    EXPECT_TRUE(a.ok()) << t.id << problems_of(a);
    EXPECT_TRUE(a.honest_accepted) << t.id;
    EXPECT_LT(a.honest_ratio, 1.0) << t.id;
    ++audited;
  }
  EXPECT_GE(audited, 130);
}

TEST(Audit, FailsEveryTaskWhoseToleranceIsLoosened100x) {
  AuditOptions quick;
  quick.seeds = 1;
  int loosened = 0;
  for (const auto& t : catalog().tasks()) {
    // Left out: tasks with no floating output (integer outputs are exact whatever a spec says), exact
    // overrides (nothing to loosen), and tasks whose true outputs are exact in every narrower type (one-hot:
    // no narrower-type computation exists to let through).
    if (!has_floating_output(t) || (t.tolerance && t.tolerance->nrel == 0)) continue;
    bool narrower_type_matters = false;
    for (const auto& m : audit_task(t, quick).mutants) narrower_type_matters = narrower_type_matters || (m.label.find("rounded") != std::string::npos && m.required);
    if (!narrower_type_matters) continue;
    // 100x the model's loosest tolerance over the check shapes, as a spec override.
    Tolerance loosest;
    for (const auto& a : t.arguments)
      if (a.role == ArgRole::output && is_floating(a.dtype)) {
        const Tolerance l = t.check_tolerance_span(a).second;
        loosest.atol = std::max(loosest.atol, l.atol);
        loosest.rtol = std::max(loosest.rtol, l.rtol);
        loosest.nrel = std::max(loosest.nrel, l.nrel);
        loosest.floor = std::max(loosest.floor, l.floor);
      }
    nlohmann::json j = t.raw;
    j["tolerance"] = {{"atol", 100 * loosest.atol}, {"rtol", 100 * loosest.rtol}, {"nrel", 100 * loosest.nrel},
                      {"floor", 100 * loosest.floor}, {"reason", "loosened 100x by a test"}};
    const TaskSpec loose = parse_task_spec(j, t.source_file);
    const TaskAudit a = audit_task(loose, quick);
    EXPECT_FALSE(a.ok()) << t.id << ": the audit accepts tolerances 100x too loose";
    EXPECT_EQ(a.task, t.id);
    ++loosened;
  }
  EXPECT_GE(loosened, 115);
}

TEST(Audit, FailsEveryScalarWhoseCheckValuesAllEqualItsDefault) {
  AuditOptions quick;
  quick.seeds = 1;
  int scalars = 0;
  for (const auto& t : catalog().tasks())
    for (const auto& arg : t.arguments) {
      if (arg.role != ArgRole::scalar) continue;
      nlohmann::json j = t.raw;
      for (auto& set : j["shapes"]["check"]) set.erase(arg.name);
      const TaskSpec fixed = parse_task_spec(j, t.source_file);
      const TaskAudit a = audit_task(fixed, quick);
      bool named = false;
      for (const auto& p : a.problems) named = named || p.find("'" + arg.name + " = its default") != std::string::npos;
      EXPECT_TRUE(named) << t.id << ": scalar '" << arg.name << "' at its default at every check shape passes the audit" << problems_of(a);
      ++scalars;
    }
  EXPECT_GE(scalars, 50);
}

TEST(Audit, HonestVariantIsNotTheTruth) {
  // The float32 evaluation differs from the float64 one (so accepting it proves something) and its margin
  // is reported.
  const TaskAudit a = audit_task(catalog().get("normalization/softmax"));
  EXPECT_GT(a.honest_ratio, 0.0);
  EXPECT_LT(a.honest_ratio, 1.0);
  EXPECT_GT(a.narrowest_rejected_ratio(), 1.0);
  bool rounded = false;
  for (const auto& m : a.mutants)
    if (m.label == "y rounded to f16") rounded = m.rejected && m.distinguishable;
  EXPECT_TRUE(rounded);
}

TEST(Audit, ReportsTheScalarMutantsOfAttention) {
  const TaskAudit a = audit_task(catalog().get("attention/causal_attention_bf16"));
  bool rsqrt = false, def = false;
  for (const auto& m : a.mutants) {
    if (m.label == "scale = rsqrt(D)") rsqrt = m.rejected;
    if (m.label.rfind("scale = its default", 0) == 0) def = m.rejected;
  }
  EXPECT_TRUE(rsqrt);
  EXPECT_TRUE(def);
  const auto j = to_json(a);
  EXPECT_EQ(j.at("task"), "attention/causal_attention_bf16");
  EXPECT_TRUE(j.at("ok").get<bool>()) << j.dump(2);
}

TEST(AuditMutants, OutputMutations) {
  const std::vector<double> truth = {1.0, 2.0, 3.0, 1.0 / 3.0};
  EXPECT_EQ(mutate(OutputMutation::zeros, truth, DType::f32), std::vector<double>(4, 0.0));
  EXPECT_EQ(mutate(OutputMutation::constant, truth, DType::f32), std::vector<double>(4, (6.0 + 1.0 / 3.0) / 4));
  const auto h = mutate(OutputMutation::round_f16, truth, DType::f32);
  EXPECT_EQ(h[0], 1.0);
  EXPECT_NE(h[3], truth[3]);
  EXPECT_NEAR(h[3], truth[3], 1e-3);
  EXPECT_TRUE(mutation_applies(OutputMutation::round_f16, DType::f32));
  EXPECT_FALSE(mutation_applies(OutputMutation::round_f16, DType::f16));
  EXPECT_TRUE(mutation_applies(OutputMutation::round_bf16, DType::f16));
  EXPECT_TRUE(mutation_applies(OutputMutation::round_4_bits, DType::bf16));
  EXPECT_EQ(mutate(OutputMutation::round_4_bits, {1.0 / 3.0, -18.0, -17.0, 0.0}, DType::bf16), (std::vector<double>{0.34375, -18.0, -16.0, 0.0}));
  EXPECT_FALSE(mutation_applies(OutputMutation::round_bf16, DType::i64));
}

TEST(AuditMutants, ScalarMutantsAreTheDefaultCommonConstantsAndConfusables) {
  const TaskSpec& t = catalog().get("attention/sdpa");
  std::vector<std::string> labels;
  for (const auto& m : scalar_mutants(t)) labels.push_back(m.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"scale = its default 0.125", "scale = rsqrt(D)"}));
  const TaskSpec& ln = catalog().get("normalization/layernorm");
  labels.clear();
  for (const auto& m : scalar_mutants(ln)) labels.push_back(m.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"eps = its default 1e-05", "eps = 1e-06", "eps = 1e-08", "eps = 1e-12"}));
}

TEST(AuditMutants, ReadTransposedSwapsTheLastTwoAxesOfEveryMatrix) {
  // Two [2, 3] matrices: each read as if it were stored as [3, 2].
  const std::vector<double> v = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15};
  EXPECT_EQ(read_transposed(v, {2, 2, 3}), (std::vector<double>{0, 2, 4, 1, 3, 5, 10, 12, 14, 11, 13, 15}));
  EXPECT_EQ(read_transposed({1, 2, 3}, {3}), (std::vector<double>{1, 2, 3}));
}

TEST(Audit, ALayoutMutantIsRejectedWhereTheTaskHasALayout) {
  const TaskAudit a = audit_task(catalog().get("matmul/matmul_bt"));
  bool found = false;
  for (const auto& m : a.mutants)
    if (m.label == "B read transposed") {
      found = true;
      EXPECT_TRUE(m.distinguishable && m.rejected) << m.label;
    }
  EXPECT_TRUE(found);
}

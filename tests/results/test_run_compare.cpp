// results/run_compare on stored fixtures: a real slowdown is caught, a change inside the measured spread is
// reported as noisy (not a regression), verdict flips from correct are regressions, baselines compare
// their reference kernels; plus the printers.
#include <gtest/gtest.h>

#include "results/render/compare_printers.hpp"
#include "results/analysis/run_compare.hpp"
#include "tests/results/compare_fixtures.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {

using test::add_attempt;
using test::timed_verdict;
using test::timing;
using test::TimingSpec;

class RunCompareTest : public ::testing::Test {
 protected:
  test::TempDir tmp;
  ResultStore store{tmp.path / "r.db"};

  std::string eval_run(const std::vector<std::pair<std::string, Verdict>>& attempts) {
    const std::string run = store.begin_run("eval", "test");
    for (const auto& [task, v] : attempts) add_attempt(store, run, task, "candidate", v);
    store.finish_run(run);
    return run;
  }
  RunComparison compare(const std::string& a, const std::string& b, CompareOptions o = {}) {
    return compare_runs(load_run_subjects(store, a), load_run_subjects(store, b), o);
  }
  static const TaskComparison& task(const RunComparison& c, const std::string& id) {
    for (const auto& t : c.tasks)
      if (t.task_id == id) return t;
    throw std::runtime_error("no task " + id);
  }
};

TEST_F(RunCompareTest, ARealSlowdownIsARegression) {
  const auto base = eval_run({{"cat/k", timed_verdict(Status::correct, timing(100e3, 0.02, 100), 100e3)}});
  const auto next = eval_run({{"cat/k", timed_verdict(Status::correct, timing(112e3, 0.02, 100), 100e3)}});
  const RunComparison c = compare(base, next);
  const auto& t = task(c, "cat/k");
  EXPECT_EQ(t.outcome, TaskOutcomeKind::regressed_time);
  ASSERT_TRUE(t.change);
  EXPECT_NEAR(*t.change, 0.12, 0.005);
  ASSERT_EQ(t.shapes.size(), 1u);
  EXPECT_GT(t.shapes[0].next.low, t.shapes[0].base.high);
  EXPECT_EQ(c.regressions(), 1);
}

TEST_F(RunCompareTest, AChangeInsideTheMeasuredSpreadIsNoisyNotARegression) {
  // +7 % is over the 5 % threshold, but with +-40 % spread and 10 samples the medians' intervals overlap.
  const auto base = eval_run({{"cat/k", timed_verdict(Status::correct, timing(100e3, 0.40, 10), 100e3)}});
  const auto next = eval_run({{"cat/k", timed_verdict(Status::correct, timing(107e3, 0.40, 10), 100e3)}});
  const RunComparison c = compare(base, next);
  EXPECT_EQ(task(c, "cat/k").outcome, TaskOutcomeKind::noisy);
  EXPECT_EQ(c.regressions(), 0);
  // The same +7 % measured tightly is real.
  const auto tight_base = eval_run({{"cat/k", timed_verdict(Status::correct, timing(100e3, 0.01, 200), 100e3)}});
  const auto tight_next = eval_run({{"cat/k", timed_verdict(Status::correct, timing(107e3, 0.01, 200), 100e3)}});
  EXPECT_EQ(task(compare(tight_base, tight_next), "cat/k").outcome, TaskOutcomeKind::regressed_time);
}

TEST_F(RunCompareTest, ASignificantChangeUnderTheThresholdIsUnchanged) {
  const auto base = eval_run({{"cat/k", timed_verdict(Status::correct, timing(100e3, 0.001, 200), 100e3)}});
  const auto next = eval_run({{"cat/k", timed_verdict(Status::correct, timing(103e3, 0.001, 200), 100e3)}});
  EXPECT_EQ(task(compare(base, next), "cat/k").outcome, TaskOutcomeKind::unchanged);
  CompareOptions strict;
  strict.threshold = 0.02;
  EXPECT_EQ(task(compare(base, next, strict), "cat/k").outcome, TaskOutcomeKind::regressed_time);
}

TEST_F(RunCompareTest, VerdictFlipsAndSpeedups) {
  const auto base = eval_run({{"a/flip", timed_verdict(Status::correct, {}, 100e3)},
                              {"a/fixed", timed_verdict(Status::incorrect, {}, 100e3)},
                              {"a/faster", timed_verdict(Status::correct, timing(100e3, 0.02, 100), 100e3)},
                              {"a/gone", timed_verdict(Status::correct, {}, 100e3)},
                              {"a/broken", timed_verdict(Status::compile_error, {}, 100e3)}});
  const auto next = eval_run({{"a/flip", timed_verdict(Status::incorrect, {}, 100e3)},
                              {"a/fixed", timed_verdict(Status::correct, {}, 100e3)},
                              {"a/faster", timed_verdict(Status::correct, timing(80e3, 0.02, 100), 100e3)},
                              {"a/new", timed_verdict(Status::correct, {}, 100e3)},
                              {"a/broken", timed_verdict(Status::runtime_error, {}, 100e3)}});
  const RunComparison c = compare(base, next);
  EXPECT_EQ(task(c, "a/flip").outcome, TaskOutcomeKind::regressed_verdict);
  EXPECT_EQ(task(c, "a/fixed").outcome, TaskOutcomeKind::fixed);
  EXPECT_EQ(task(c, "a/faster").outcome, TaskOutcomeKind::improved);
  EXPECT_EQ(task(c, "a/gone").outcome, TaskOutcomeKind::missing);
  EXPECT_EQ(task(c, "a/new").outcome, TaskOutcomeKind::added);
  EXPECT_EQ(task(c, "a/broken").outcome, TaskOutcomeKind::still_failing);
  EXPECT_EQ(c.regressions(), 1);

  const std::string text = format_comparison_text(c);
  EXPECT_NE(text.find("correct -> incorrect"), std::string::npos);
  EXPECT_NE(text.find("REGRESSED"), std::string::npos);
  EXPECT_NE(text.find("-20.0%"), std::string::npos);
  const std::string md = format_comparison_markdown(c);
  EXPECT_NE(md.find("### kbench compare: 1 regression"), std::string::npos);
  EXPECT_NE(md.find("| `a/flip` | cpu | correct -> incorrect |"), std::string::npos);
  const auto j = to_json(c);
  EXPECT_EQ(j["regressions"], 1);
  EXPECT_EQ(j["counts"]["improved"], 1);
  EXPECT_EQ(j["tasks"][0]["task"], "a/broken");
}

TEST_F(RunCompareTest, AnySlowerShapeDecidesEvenWhenAnotherGotFaster) {
  auto two_shapes = [](double a_ns, double b_ns) {
    Verdict v = timed_verdict(Status::correct, timing(a_ns, 0.01, 100), 100e3, "n=10");
    v.timings.push_back(timed_verdict(Status::correct, timing(b_ns, 0.01, 100), 100e3, "n=20").timings[0]);
    return v;
  };
  const auto base = eval_run({{"cat/k", two_shapes(100e3, 100e3)}});
  const auto next = eval_run({{"cat/k", two_shapes(70e3, 120e3)}});
  const auto& t = task(compare(base, next), "cat/k");
  EXPECT_EQ(t.outcome, TaskOutcomeKind::regressed_time);
  EXPECT_EQ(t.shapes[static_cast<std::size_t>(t.deciding_shape)].shape, "n=20");
}

TEST_F(RunCompareTest, BaselineRunsCompareTheirReferenceKernels) {
  auto baseline = [&](double ns) {
    const std::string run = store.begin_run("baseline", "test", {{"tasks", "*"}, {"backend", "cpu"}});
    add_attempt(store, run, "cat/k", "reference", timed_verdict(Status::correct, timing(ns, 0.02, 100), ns));
    store.finish_run(run);
    return run;
  };
  const auto a = baseline(100e3), b = baseline(130e3);
  const RunSubjects s = load_run_subjects(store, a);
  EXPECT_EQ(s.role, "reference");
  ASSERT_EQ(s.tasks.size(), 1u);
  EXPECT_EQ(s.device, "Synthetic CPU (2 threads)");
  const RunComparison c = compare(a, b);
  EXPECT_EQ(task(c, "cat/k").outcome, TaskOutcomeKind::regressed_time);
  EXPECT_TRUE(c.notes.empty());
}

TEST_F(RunCompareTest, RejectsBadOptions) {
  const auto a = eval_run({{"cat/k", timed_verdict(Status::correct, {}, 100e3)}});
  CompareOptions bad;
  bad.threshold = -0.1;
  EXPECT_THROW(compare(a, a, bad), std::invalid_argument);
  EXPECT_THROW(load_run_subjects(store, "no-such-run"), std::invalid_argument);
}

}  // namespace
}  // namespace kbench

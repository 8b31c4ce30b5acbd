// results/run_compare on stored fixtures: a real slowdown is caught, a change inside the measured spread is
// reported as noisy (not a regression), verdict flips from correct are regressions, baselines compare
// their reference kernels; plus the printers.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <random>

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

// Issue 16: a screened run against a full one is compared, with a note saying the policies differ.
TEST_F(RunCompareTest, RunsTimedUnderDifferentPoliciesSaySo) {
  auto under = [](const std::string& policy) {
    Verdict v = timed_verdict(Status::correct, timing(100e3, 0.02, 100), 100e3);
    v.timing_policy = policy;
    return v;
  };
  const auto full = eval_run({{"cat/k", under("full")}}), also_full = eval_run({{"cat/k", under("full")}});
  const auto screen = eval_run({{"cat/k", under("screen")}});
  EXPECT_TRUE(compare(full, also_full).notes.empty());
  const RunComparison c = compare(full, screen);
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("the base run was timed under the full timing policy and the new run under screen"), std::string::npos)
      << c.notes[0];
  EXPECT_EQ(task(c, "cat/k").outcome, TaskOutcomeKind::unchanged);  // still compared
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

// Samples of one lognormal distribution (median `median_ns`, log-sd `sigma`), drawn from a fixed seed.
std::vector<double> lognormal_samples(double median_ns, double sigma, int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0, sigma);
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(median_ns * std::exp(normal(rng)));
  return out;
}

Verdict drawn_verdict(const std::vector<double>& cand, const std::vector<double>& ref) {
  Verdict v = timed_verdict(Status::correct, timing(1, 0, 1), 1);
  v.timings[0].candidate = summarize_samples(cand, "cpu-parent-clock");
  v.timings[0].reference = summarize_samples(ref, "cpu-parent-clock");
  return v;
}

TEST_F(RunCompareTest, SamplesOfOneNoisyDistributionAreNoRegressionTwiceSlowerIs) {
  // +-30 % log-normal noise on every round, both runs drawn from the same distribution with other seeds.
  for (unsigned seed = 1; seed <= 10; ++seed) {
    const auto base = eval_run({{"cat/k", drawn_verdict(lognormal_samples(100e3, 0.3, 200, seed), lognormal_samples(50e3, 0.3, 200, seed + 100))}});
    const auto same = eval_run({{"cat/k", drawn_verdict(lognormal_samples(100e3, 0.3, 200, seed + 1000), lognormal_samples(50e3, 0.3, 200, seed + 200))}});
    const auto slow = eval_run({{"cat/k", drawn_verdict(lognormal_samples(200e3, 0.3, 200, seed + 2000), lognormal_samples(50e3, 0.3, 200, seed + 300))}});
    const RunComparison c = compare(base, same);
    EXPECT_EQ(c.regressions(), 0) << "seed " << seed << ": " << format_comparison_text(c);
    const RunComparison d = compare(base, slow);
    EXPECT_EQ(task(d, "cat/k").outcome, TaskOutcomeKind::regressed_time) << "seed " << seed << ": " << format_comparison_text(d);
    EXPECT_LT(task(d, "cat/k").shapes[0].p_value, 1e-4);
    EXPECT_EQ(task(d, "cat/k").shapes[0].base_tested, 20);  // block medians, not the 200 rounds
  }
}

TEST_F(RunCompareTest, ThreeRoundsASideStillCatchAThreefoldSlowdown) {
  // Big CPU shapes stop after 3 rounds: Mann-Whitney cannot reach p < 0.01 at 3 against 3 (0.08 at best),
  // so complete separation of the rounds decides; overlapping rounds stay noisy.
  const auto base = eval_run({{"cat/k", drawn_verdict({16.2e6, 15.9e6, 18.9e6}, {16e6, 16.1e6, 16.3e6})}});
  const auto slow = eval_run({{"cat/k", drawn_verdict({61.7e6, 59.6e6, 63.1e6}, {16e6, 16.2e6, 16.1e6})}});
  const auto mixed = eval_run({{"cat/k", drawn_verdict({17.5e6, 25e6, 15e6}, {16e6, 16.2e6, 16.1e6})}});
  EXPECT_EQ(task(compare(base, slow), "cat/k").outcome, TaskOutcomeKind::regressed_time);
  EXPECT_EQ(task(compare(base, mixed), "cat/k").outcome, TaskOutcomeKind::noisy);
}

TEST_F(RunCompareTest, TheReferencesDriftBetweenCandidateRunsIsTheirNoiseFloor) {
  // The candidate 20 % slower, but the same reference kernel also 25 % slower: the machine, not the code.
  const auto base = eval_run({{"cat/k", timed_verdict(Status::correct, timing(100e3, 0.01, 200), 100e3)}});
  const auto next = eval_run({{"cat/k", timed_verdict(Status::correct, timing(120e3, 0.01, 200), 125e3)}});
  const auto& t = task(compare(base, next), "cat/k");
  EXPECT_EQ(t.outcome, TaskOutcomeKind::noisy);
  EXPECT_NEAR(t.shapes[0].noise_floor, 0.25, 1e-3);
  EXPECT_EQ(t.shapes[0].noise_from, "reference drift");
  // Measured as the time over the reference's, the candidate got faster (1.2 / 1.25), within the threshold.
  CompareOptions speedup;
  speedup.measure = GateMeasure::speedup;
  const auto& s = task(compare(base, next, speedup), "cat/k");
  EXPECT_EQ(s.outcome, TaskOutcomeKind::unchanged);
  EXPECT_NEAR(*s.change, 1.2 / 1.25 - 1, 0.01);
  // With the reference steady the same slowdown is a regression in both measures.
  const auto steady = eval_run({{"cat/k", timed_verdict(Status::correct, timing(120e3, 0.01, 200), 100e3)}});
  EXPECT_EQ(task(compare(base, steady), "cat/k").outcome, TaskOutcomeKind::regressed_time);
  EXPECT_EQ(task(compare(base, steady, speedup), "cat/k").outcome, TaskOutcomeKind::regressed_time);
}

TEST_F(RunCompareTest, TheCanaryOfABaselineRunSetsTheNoiseFloorAndMarksItUnreliable) {
  // candidate slot / reference slot: the reference kernel timed against itself in one run.
  auto baseline = [&](double cand_ns, double ref_ns) {
    const std::string run = store.begin_run("baseline", "test", {{"tasks", "*"}, {"backend", "cpu"}});
    add_attempt(store, run, "cat/a", "reference", timed_verdict(Status::correct, timing(cand_ns, 0.01, 200), ref_ns));
    add_attempt(store, run, "cat/b", "reference", timed_verdict(Status::correct, timing(cand_ns, 0.01, 200), ref_ns));
    store.finish_run(run);
    return run;
  };
  const auto calm = baseline(100e3, 101e3), shaky = baseline(100e3, 70e3), slower = baseline(120e3, 119e3);
  RunComparison c = compare(calm, slower);
  EXPECT_FALSE(c.unreliable());
  EXPECT_TRUE(c.base.canary.available);
  EXPECT_EQ(c.base.canary.shapes, 2);
  EXPECT_EQ(task(c, "cat/a").outcome, TaskOutcomeKind::regressed_time);
  EXPECT_EQ(task(c, "cat/a").shapes[0].noise_from, "canary");
  // The shaky run timed its reference 1.43x apart from itself: a 20 % change hides in that, and it says so.
  c = compare(shaky, slower);
  EXPECT_TRUE(c.unreliable());
  EXPECT_TRUE(c.base.canary.unreliable);
  EXPECT_FALSE(c.next.canary.unreliable);
  EXPECT_EQ(task(c, "cat/a").outcome, TaskOutcomeKind::noisy);
  EXPECT_NE(format_comparison_text(c).find("UNRELIABLE"), std::string::npos);
  EXPECT_EQ(to_json(c)["unreliable"], true);
  EXPECT_EQ(to_json(c)["base"]["canary"]["unreliable"], true);
}

// Two baselines of the same code a few minutes apart on a shared 2-core runner: a build started between
// them and every kernel measured 1.3-2x slower (14 of 25 tasks "REGRESSED" before; 22 of 25 in one pair
// of bench/gate_noise.sh). Judged against the run-wide drift, only a kernel that moved beyond the others
// counts; the drift is named, and --fail-on-drift (harness) can still fail on it.
TEST_F(RunCompareTest, BaselinesJudgeEachTaskAgainstTheWholeRunsDrift) {
  auto baseline = [&](double factor, double slow_factor) {
    const std::string run = store.begin_run("baseline", "test", {{"tasks", "*"}, {"backend", "cpu"}});
    for (int i = 0; i < 12; ++i) {
      const double scatter = 1 + 0.03 * ((i * 5) % 7 - 3) / 3.0;  // each task drifts a little differently
      const double ns = (100e3 + 10e3 * i) * factor * (factor == 1 ? 1 : scatter);
      add_attempt(store, run, fmt::format("cat/k{:02}", i), "reference", timed_verdict(Status::correct, timing(ns, 0.02, 100), ns * 1.01));
    }
    const double slow = 500e3 * factor * slow_factor;
    add_attempt(store, run, "cat/slow", "reference", timed_verdict(Status::correct, timing(slow, 0.02, 100), slow * 1.01));
    store.finish_run(run);
    return run;
  };
  const auto base = baseline(1, 1), loaded = baseline(1.6, 1), loaded_and_slow = baseline(1.6, 3);
  RunComparison c = compare(base, loaded);
  ASSERT_TRUE(c.drift.has_value());
  EXPECT_EQ(c.drift->shapes, 13);
  EXPECT_NEAR(c.drift->change, 0.6, 0.05);
  EXPECT_TRUE(c.drift->beyond_threshold);
  EXPECT_EQ(c.regressions(), 0) << format_comparison_text(c);
  EXPECT_EQ(task(c, "cat/k03").shapes[0].noise_from, "run-wide drift");
  EXPECT_NE(format_comparison_text(c).find("the whole run moved +6"), std::string::npos) << format_comparison_text(c);
  EXPECT_NEAR(to_json(c)["drift"]["change"].get<double>(), 0.6, 0.05);
  // A kernel 3x slower on top of the drift stands out.
  c = compare(base, loaded_and_slow);
  EXPECT_EQ(c.regressions(), 1) << format_comparison_text(c);
  EXPECT_EQ(task(c, "cat/slow").outcome, TaskOutcomeKind::regressed_time);
  // Without drift nothing is adjusted, and two identical runs say so.
  c = compare(base, baseline(1, 1));
  ASSERT_TRUE(c.drift.has_value());
  EXPECT_FALSE(c.drift->beyond_threshold);
  EXPECT_EQ(c.regressions(), 0);
  EXPECT_TRUE(c.notes.empty()) << format_comparison_text(c);
}

TEST_F(RunCompareTest, AConfirmationThatDoesNotReproduceTheRegressionClearsIt) {
  const auto base = eval_run({{"cat/k", timed_verdict(Status::correct, timing(100e3, 0.01, 200), 100e3)}});
  const auto next = eval_run({{"cat/k", timed_verdict(Status::correct, timing(150e3, 0.01, 200), 100e3)}});
  RunComparison c = compare(base, next);
  ASSERT_EQ(c.regressions(), 1);
  auto shape = [](double ns, double spread) { return timed_verdict(Status::correct, timing(ns, spread, 100), 100e3).timings[0]; };
  Retiming same{{shape(100e3, 0.05), shape(101e3, 0.05), shape(99e3, 0.05)}, {shape(100.5e3, 0.05), shape(99.5e3, 0.05), shape(100e3, 0.05)}};
  apply_confirmation(c.tasks[0], same, c.options);
  EXPECT_EQ(c.tasks[0].confirmation, Confirmation::not_confirmed);
  EXPECT_EQ(c.regressions(), 0);
  EXPECT_EQ(c.not_confirmed(), 1);
  EXPECT_NE(format_comparison_text(c).find("not confirmed"), std::string::npos);
  Retiming slower{{shape(100e3, 0.05), shape(101e3, 0.05), shape(99e3, 0.05)}, {shape(150e3, 0.05), shape(149e3, 0.05), shape(152e3, 0.05)}};
  apply_confirmation(c.tasks[0], slower, c.options);
  EXPECT_EQ(c.tasks[0].confirmation, Confirmation::confirmed);
  EXPECT_EQ(c.regressions(), 1);
  // One new process as fast as the base ones: the processes overlap, not confirmed.
  Retiming mixed{{shape(100e3, 0.05), shape(101e3, 0.05), shape(99e3, 0.05)}, {shape(150e3, 0.05), shape(100e3, 0.05), shape(152e3, 0.05)}};
  apply_confirmation(c.tasks[0], mixed, c.options);
  EXPECT_EQ(c.tasks[0].confirmation, Confirmation::not_confirmed);
}

// Six processes a side, 1.3x apart, one new process among the base ones: complete separation fails, but
// Mann-Whitney on the processes rejects (p ~ 0.004), so the slowdown is confirmed; the same six against six
// unchanged is not. (With complete separation required, more rounds only lowered the detection rate.)
TEST_F(RunCompareTest, ManyRoundsConfirmByTheProcessesTestNotByCompleteSeparation) {
  const auto base = eval_run({{"cat/k", timed_verdict(Status::correct, timing(100e3, 0.01, 200), 100e3)}});
  const auto next = eval_run({{"cat/k", timed_verdict(Status::correct, timing(130e3, 0.01, 200), 100e3)}});
  RunComparison c = compare(base, next);
  ASSERT_EQ(c.regressions(), 1);
  auto shape = [](double ns) { return timed_verdict(Status::correct, timing(ns, 0.05, 100), 100e3).timings[0]; };
  std::vector<ShapeTiming> six_base, six_slower, six_same;
  for (double f : {0.97, 1.0, 1.02, 0.99, 1.04, 1.12}) six_base.push_back(shape(100e3 * f));
  for (double f : {1.30, 1.25, 1.10, 1.33, 1.28, 1.35}) six_slower.push_back(shape(100e3 * f));
  for (double f : {1.01, 0.98, 1.03, 1.0, 1.05, 0.96}) six_same.push_back(shape(100e3 * f));
  apply_confirmation(c.tasks[0], Retiming{six_base, six_slower}, c.options);
  EXPECT_EQ(c.tasks[0].confirmation, Confirmation::confirmed) << c.tasks[0].confirmation_detail;
  apply_confirmation(c.tasks[0], Retiming{six_base, six_same}, c.options);
  EXPECT_EQ(c.tasks[0].confirmation, Confirmation::not_confirmed) << c.tasks[0].confirmation_detail;
}

TEST_F(RunCompareTest, SortingOnlyChangedAndCsv) {
  const auto base = eval_run({{"a/same", timed_verdict(Status::correct, timing(100e3, 0.01, 200), 100e3)},
                              {"b/slow", timed_verdict(Status::correct, timing(100e3, 0.01, 200), 100e3)},
                              {"c/slower", timed_verdict(Status::correct, timing(100e3, 0.01, 200), 100e3)},
                              {"d/flip", timed_verdict(Status::correct, timing(100e3, 0.01, 200), 100e3)}});
  const auto next = eval_run({{"a/same", timed_verdict(Status::correct, timing(100e3, 0.01, 200), 100e3)},
                              {"b/slow", timed_verdict(Status::correct, timing(120e3, 0.01, 200), 100e3)},
                              {"c/slower", timed_verdict(Status::correct, timing(200e3, 0.01, 200), 100e3)},
                              {"d/flip", timed_verdict(Status::incorrect, {}, 100e3)}});
  RunComparison c = compare(base, next);
  sort_tasks(c, CompareSort::change);
  ASSERT_EQ(c.tasks.size(), 4u);
  EXPECT_EQ(c.tasks[0].task_id, "d/flip");
  EXPECT_EQ(c.tasks[1].task_id, "c/slower");
  EXPECT_EQ(c.tasks[2].task_id, "b/slow");
  EXPECT_EQ(c.tasks[3].task_id, "a/same");
  ComparePrint only;
  only.only_changed = true;
  const std::string text = format_comparison_text(c, only);
  EXPECT_EQ(text.find("a/same"), std::string::npos);
  EXPECT_NE(text.find("c/slower"), std::string::npos);
  EXPECT_NE(text.find("1 unchanged"), std::string::npos);  // the counts keep every task
  EXPECT_EQ(to_json(c, only)["tasks"].size(), 3u);
  const std::string csv = format_comparison_csv(c);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "task,backend,base_status,new_status,outcome,regression,confirmation,shape,base_median_ns,new_median_ns,"
            "base_value,new_value,change,p_value,noise_floor,noise_from,shape_outcome");
  EXPECT_NE(csv.find("\nc/slower,cpu,correct,correct,regressed_time,1,not_checked,n=1000,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nd/flip,cpu,correct,incorrect,regressed_verdict,1,not_checked,,"), std::string::npos) << csv;
  sort_tasks(c, CompareSort::name);
  EXPECT_EQ(c.tasks[0].task_id, "a/same");
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

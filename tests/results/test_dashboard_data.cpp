// results/analysis/dashboard_data and results/render/dashboard_html on the stored fixture: history regressions, LLM progress by
// turn, roofline ceilings, and a page that holds every chart and no external reference.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "results/analysis/dashboard_data.hpp"
#include "results/render/dashboard_html.hpp"
#include "results/store/llm_store.hpp"
#include "tests/results/compare_fixtures.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {

class DashboardDataTest : public ::testing::Test {
 protected:
  test::TempDir tmp;
  ResultStore store{tmp.path / "d.db"};
  test::DashboardFixture fixture = test::build_dashboard_fixture(store);
};

const TaskHistory& series(const DashboardData& d, const std::string& task, const std::string& role) {
  for (const auto& h : d.history)
    if (h.task_id == task && h.role == role) return h;
  throw std::runtime_error("no series for " + task);
}

TEST_F(DashboardDataTest, MarksTimingAndVerdictRegressionsInTheHistory) {
  const DashboardData d = collect_dashboard_data(store);
  ASSERT_EQ(d.runs.size(), 4u);
  EXPECT_EQ(d.runs[0].device, "Synthetic CPU (2 threads)");
  EXPECT_EQ(d.runs[3].model, "replay");
  const auto& add = series(d, "elementwise/vector_add", "reference");
  ASSERT_EQ(add.points.size(), 3u);
  EXPECT_FALSE(add.points[1].regression);  // +1 %: under the threshold
  EXPECT_TRUE(add.points[2].regression);   // +20 %, tight samples
  EXPECT_EQ(add.regressions, 1);
  const auto& gemm = series(d, "matmul/gemm", "reference");
  ASSERT_EQ(gemm.points.size(), 3u);
  EXPECT_TRUE(gemm.points[2].regression);
  EXPECT_EQ(gemm.points[2].why, "correct -> incorrect");
  EXPECT_FALSE(gemm.points[2].timing);
  EXPECT_EQ(series(d, "reduction/sum_rows", "reference").regressions, 0);
}

TEST_F(DashboardDataTest, FocusesOnTheLlmRunAndTracksProgressByTurn) {
  const DashboardData d = collect_dashboard_data(store);
  ASSERT_TRUE(d.focus);
  EXPECT_EQ(d.focus->run.id, fixture.llm_run);
  EXPECT_DOUBLE_EQ(d.focus->report.overall.correctness_rate, 0.75);
  EXPECT_EQ(d.speedups.size(), 3u);
  ASSERT_EQ(d.llm_runs.size(), 1u);
  const auto& turns = d.llm_runs[0].turns;
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_EQ(turns[0].tasks_correct, 1);
  EXPECT_NEAR(*turns[0].geomean_best_speedup, 0.9, 1e-3);
  EXPECT_EQ(turns[1].tasks_correct, 2);
  EXPECT_NEAR(*turns[1].geomean_best_speedup, std::sqrt(1.1 * 1.3), 1e-3);
  EXPECT_EQ(turns[2].tasks_correct, 3);
  EXPECT_NEAR(*turns[2].geomean_best_speedup, std::cbrt(1.6 * 2.5 * 1.3), 1e-3);
  EXPECT_EQ(turns[2].input_tokens, 4 * 2000);
  EXPECT_EQ(turns[0].output_tokens, 4 * 300);
  // Roofline: the device ceilings are recovered from the stored fractions.
  ASSERT_TRUE(d.roofline.peak_flops && d.roofline.peak_bytes_per_s);
  EXPECT_NEAR(*d.roofline.peak_flops, 1e11, 1e3);
  EXPECT_NEAR(*d.roofline.peak_bytes_per_s, 2e10, 1e2);
  EXPECT_EQ(d.roofline.points.size(), 3u);
}

TEST_F(DashboardDataTest, TheFocusRunCanBeChosen) {
  DashboardOptions o;
  o.focus_run = fixture.baselines[0];
  const DashboardData d = collect_dashboard_data(store, o);
  EXPECT_EQ(d.focus->role, "reference");
  EXPECT_DOUBLE_EQ(d.focus->report.overall.correctness_rate, 1.0);
  o.focus_run = "nope";
  EXPECT_THROW(collect_dashboard_data(store, o), std::invalid_argument);
}

TEST_F(DashboardDataTest, ThePageHoldsEveryChartAndNoExternalReference) {
  const std::string page = render_dashboard_html(collect_dashboard_data(store));
  for (const char* id : {"correctness-fast-p", "speedup-distribution", "roofline", "history-0", "llm-best-speedup-0",
                         "llm-correct-0", "llm-tokens-0"})
    EXPECT_NE(page.find(std::string("data-chart=\"") + id + "\""), std::string::npos) << id;
  EXPECT_NE(page.find("75.0%"), std::string::npos);
  EXPECT_NE(page.find("ceilings: memory 20 GB/s, compute 100 GFLOP/s"), std::string::npos);
  EXPECT_EQ(page.find("{{"), std::string::npos);
  // Nothing is fetched: no src= or href= at all, no url(...) in the styles.
  EXPECT_FALSE(std::regex_search(page, std::regex(R"((src|href)\s*=)")));
  EXPECT_EQ(page.find("url("), std::string::npos);
  EXPECT_EQ(page.find("@import"), std::string::npos);
}

// Issue 15: "best speedup so far by turn" fell (1.78x -> 1.38x) when a slow task became correct. The chart's
// measure is now the best kernel there is per task (the reference's 1x where no candidate beats it) over
// all tasks, which cannot fall; the table keeps the mean over the tasks correct so far, which can.
TEST(DashboardProgress, TheBestKernelSoFarNeverFalls) {
  test::TempDir tmp;
  ResultStore store(tmp.path / "p.db");
  const std::string run = store.begin_run("run", "kbench run", {{"tasks", {"a/fast", "a/slow"}}, {"backend", "cpu"}, {"model", "m"}});
  test::add_attempt(store, run, "a/fast", "candidate", test::timed_verdict(Status::correct, test::timing(0.5e6, 0.02, 20), 1e6), 0);
  test::add_attempt(store, run, "a/slow", "candidate", test::timed_verdict(Status::incorrect, {}, 1e6), 0);
  test::add_attempt(store, run, "a/fast", "candidate", test::timed_verdict(Status::incorrect, {}, 1e6), 1);
  test::add_attempt(store, run, "a/slow", "candidate", test::timed_verdict(Status::correct, test::timing(2e6, 0.02, 20), 1e6), 1);
  store.finish_run(run);
  const DashboardData d = collect_dashboard_data(store);
  ASSERT_EQ(d.llm_runs.size(), 1u);
  const auto& turns = d.llm_runs[0].turns;
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_NEAR(*turns[0].geomean_best_speedup, 2.0, 1e-3);
  EXPECT_NEAR(*turns[1].geomean_best_speedup, 1.0, 1e-3) << "the mean over correct tasks falls as the slow one joins";
  EXPECT_NEAR(turns[0].geomean_best_kernel, std::sqrt(2.0), 1e-3);
  EXPECT_NEAR(turns[1].geomean_best_kernel, std::sqrt(2.0), 1e-3) << "the best kernel so far does not";
  const std::string page = render_dashboard_html(d);
  EXPECT_NE(page.find("Best kernel so far by turn"), std::string::npos);
}

// Issue 15: untimed and replay runs drew empty charts. Where a chart would be empty the page says why.
TEST(DashboardProgress, ThePageSaysWhyInsteadOfDrawingEmptyCharts) {
  test::TempDir tmp;
  ResultStore store(tmp.path / "u.db");
  const std::string run = store.begin_run("run", "kbench run --no-time", {{"tasks", {"a/k"}}, {"backend", "cpu"}, {"model", "replay"}});
  Verdict untimed;
  untimed.status = Status::correct;
  test::add_attempt(store, run, "a/k", "candidate", untimed, 0);
  LlmCallRecord call;
  call.run_id = run, call.task_id = "a/k", call.sample = 0, call.turn = 0, call.provider = "replay", call.model = "replay";
  call.request_json = "{}", call.response_text = "x";
  LlmStore(store.database()).add_call(call);
  store.finish_run(run);
  const std::string page = render_dashboard_html(collect_dashboard_data(store));
  for (const char* id : {"speedup-distribution", "roofline", "llm-tokens-0"}) {
    EXPECT_EQ(page.find(std::string("data-chart=\"") + id + "\""), std::string::npos) << id << " is drawn empty";
    EXPECT_NE(page.find(std::string("data-no-chart=\"") + id + "\""), std::string::npos) << id << " says nothing";
  }
  EXPECT_NE(page.find("replayed"), std::string::npos);
}

// Issue 15: history labels were cut to "12-01T20:5", the same for every run of one minute. They are full
// start times now ("MM-DD HH:MM:SS", UTC), numbered when two runs started in the same second.
TEST_F(DashboardDataTest, HistoryAxesShowEachRunsFullStartTime) {
  const DashboardData d = collect_dashboard_data(store);
  const std::string page = render_dashboard_html(d);
  const std::string started = d.runs.front().run.started_at;  // "YYYY-MM-DDTHH:MM:SS..."
  ASSERT_GE(started.size(), 19u);
  std::string label = started.substr(5, 14);
  label[5] = ' ';
  EXPECT_NE(page.find(">" + label), std::string::npos) << label;
  EXPECT_TRUE(std::regex_search(page, std::regex(R"(>\d\d-\d\d \d\d:\d\d:\d\d( #\d+)?<)"))) << "no full start time on an axis";
  EXPECT_EQ(page.find(">" + started.substr(5, 11) + "<"), std::string::npos) << "a cut label is left";
}

// Issue 15: the runs table grew without bound. The 20 newest are shown, the rest fold into <details>.
TEST(DashboardRuns, ManyRunsFoldIntoOlderRuns) {
  test::TempDir tmp;
  ResultStore store(tmp.path / "r.db");
  for (int i = 0; i < 25; ++i) {
    const std::string run = store.begin_run("eval", "kbench eval", {{"task", "a/k"}});
    test::add_attempt(store, run, "a/k", "candidate", test::timed_verdict(Status::correct, test::timing(1e6, 0.02, 20), 1e6));
    store.finish_run(run);
  }
  const std::string page = render_dashboard_html(collect_dashboard_data(store));
  const auto folded = page.find("<details id=\"older-runs\"><summary>5 older runs</summary>");
  ASSERT_NE(folded, std::string::npos);
  std::size_t rows_before = 0;
  for (std::size_t at = page.find("<section id=\"runs\">"); (at = page.find("<tr><td><code>", at)) < folded; ++at) ++rows_before;
  EXPECT_EQ(rows_before, 20u);
}

TEST(DashboardEmpty, AnEmptyDatabaseStillRenders) {
  test::TempDir tmp;
  ResultStore store(tmp.path / "e.db");
  const std::string page = render_dashboard_html(collect_dashboard_data(store));
  EXPECT_NE(page.find("holds no run yet"), std::string::npos);
}

}  // namespace
}  // namespace kbench

// results/analysis/dashboard_data and results/render/dashboard_html on the stored fixture: history regressions, LLM progress by
// turn, roofline ceilings, and a page that holds every chart and no external reference.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "results/analysis/dashboard_data.hpp"
#include "results/render/dashboard_html.hpp"
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

TEST(DashboardEmpty, AnEmptyDatabaseStillRenders) {
  test::TempDir tmp;
  ResultStore store(tmp.path / "e.db");
  const std::string page = render_dashboard_html(collect_dashboard_data(store));
  EXPECT_NE(page.find("holds no run yet"), std::string::npos);
}

}  // namespace
}  // namespace kbench

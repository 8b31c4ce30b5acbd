// Issue 15: every command speaks JSON with --json (stdout holds that JSON alone; progress goes to stderr),
// `baseline` and `selftest` print each result before storing it (a result nothing can store is named and
// exits 2), and `report` and `dashboard` tell the same story of a baseline run (the reference timed
// against itself is a noise canary, not fast_p).
#include <gtest/gtest.h>

#include <fstream>

#include "results/analysis/dashboard_data.hpp"
#include "results/store/pending_writes.hpp"
#include "results/store/store.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {

nlohmann::json stdout_json(const test::SplitOutput& r) {
  try {
    return nlohmann::json::parse(r.result.output);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "stdout is not one JSON document (" << e.what() << "):\n" << r.result.output.substr(0, 2000);
    return {};
  }
}

TEST(CliJson, ShowGivesTheSignatureArgumentsAndReference) {
  test::TempDir tmp;
  const auto r = test::run_kbench_split({"show", "elementwise/vector_add", "--backend", "cpu", "--json"}, tmp.path);
  ASSERT_EQ(r.result.exit_code, 0) << r.result.output << r.error_output;
  const auto j = stdout_json(r);
  EXPECT_EQ(j.at("id"), "elementwise/vector_add");
  EXPECT_NE(j.at("signature").get<std::string>().find("extern \"C\" void solve("), std::string::npos) << j.at("signature");
  ASSERT_EQ(j.at("arguments").size(), 4u);
  EXPECT_EQ(j["arguments"][0]["name"], "a");
  EXPECT_EQ(j["arguments"][2]["role"], "output");
  EXPECT_EQ(j["shapes"]["bench_cpu"][0]["n"], 16777216);
  EXPECT_FALSE(j["tolerances"]["c"]["exact"].get<bool>());
  EXPECT_NE(j["reference"]["source"].get<std::string>().find("solve"), std::string::npos);
}

TEST(CliJson, BaselineGivesEveryTaskWithItsTimingsAndAgreesWithReportAndDashboard) {
  test::TempDir tmp;
  const auto r = test::run_kbench_split({"baseline", "--tasks", "activation/relu,elementwise/vector_add", "--backend", "cpu",
                                         "--max-time-ms", "150", "--json", "--label", "canary"},
                                        tmp.path);
  ASSERT_EQ(r.result.exit_code, 0) << r.result.output << r.error_output;
  const auto j = stdout_json(r);
  ASSERT_EQ(j.at("tasks").size(), 2u);
  EXPECT_EQ(j["tasks"][0]["task"], "activation/relu");
  EXPECT_EQ(j["tasks"][0]["status"], "correct");
  ASSERT_FALSE(j["tasks"][0]["timings"].empty());
  EXPECT_GT(j["tasks"][0]["timings"][0]["reference"]["median_ns"].get<double>(), 0);
  EXPECT_EQ(j.at("failed"), 0);
  EXPECT_TRUE(j.at("unstored").empty());
  EXPECT_NE(r.error_output.find("activation/relu"), std::string::npos) << "progress lines go to stderr: " << r.error_output;
  const std::string run = j.at("run");

  // report on the baseline run: its two reference tasks, as a canary (it showed 0 tasks).
  const auto rep = test::run_kbench_split({"report", "--run", run, "--json"}, tmp.path);
  ASSERT_EQ(rep.result.exit_code, 0) << rep.result.output << rep.error_output;
  const auto rj = stdout_json(rep);
  EXPECT_EQ(rj.at("role"), "reference");
  ASSERT_EQ(rj.at("tasks").size(), 2u);
  EXPECT_EQ(rj["overall"]["correct"], 2);
  const auto text = test::run_kbench({"report", "--run", run}, tmp.path);
  EXPECT_NE(text.output.find("a baseline run"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("canary geomean"), std::string::npos) << text.output;
  EXPECT_EQ(text.output.find("fast_"), std::string::npos) << "no fast_p for references timed against themselves: " << text.output;

  // The dashboard reads the same numbers and says the same thing.
  {
    ResultStore store(tmp.path / "kbench.db");
    const DashboardData d = collect_dashboard_data(store);
    ASSERT_TRUE(d.focus);
    EXPECT_EQ(d.focus->role, "reference");
    EXPECT_EQ(d.focus->report.overall.tasks, rj["overall"]["tasks"].get<int>());
    ASSERT_TRUE(d.focus->report.overall.geomean_speedup);
    EXPECT_DOUBLE_EQ(*d.focus->report.overall.geomean_speedup, rj["overall"]["geomean_speedup"].get<double>());
  }
  const auto dash = test::run_kbench_split({"dashboard", "--out", (tmp.path / "dash").string(), "--json"}, tmp.path);
  ASSERT_EQ(dash.result.exit_code, 0) << dash.result.output << dash.error_output;
  const auto dj = stdout_json(dash);
  EXPECT_EQ(dj.at("runs"), 1);
  EXPECT_EQ(dj.at("focus_run"), run);
  std::ifstream page(dj.at("page").get<std::string>());
  const std::string html((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
  EXPECT_NE(html.find("noise canary"), std::string::npos);
  EXPECT_EQ(html.find("fast_1.5 (overall)"), std::string::npos);
}

TEST(CliJson, SelftestGivesEveryTasksResult) {
  test::TempDir tmp;
  const auto r = test::run_kbench_split({"selftest", "--tasks", "activation/relu,elementwise/vector_add", "--json"}, tmp.path);
  ASSERT_EQ(r.result.exit_code, 0) << r.result.output << r.error_output;
  const auto j = stdout_json(r);
  ASSERT_EQ(j.at("tasks").size(), 2u);
  EXPECT_EQ(j.at("verified"), 2);
  EXPECT_TRUE(j.at("failed").empty());
  for (const auto& t : j["tasks"]) EXPECT_EQ(t.at("result"), "ok") << t.dump();
}

TEST(CliJson, RunGivesItsOutcomeAndReport) {
  test::TempDir tmp;
  const auto r = test::run_kbench_split({"run", "--tasks", "elementwise/vector_add", "--model", "replay", "--turns", "2",
                                         "--no-time", "--json"},
                                        tmp.path);
  ASSERT_EQ(r.result.exit_code, 0) << r.result.output << r.error_output;
  const auto j = stdout_json(r);
  EXPECT_TRUE(j.at("complete").get<bool>());
  EXPECT_EQ(j.at("turns_done"), 2);
  EXPECT_EQ(j.at("turns_total"), 2);
  EXPECT_TRUE(j.at("resume").is_null());
  EXPECT_EQ(j["report"]["tasks"][0]["task"], "elementwise/vector_add");
  EXPECT_EQ(j["report"]["tasks"][0]["best_status"], "correct");  // turn 2 of the replay fixes turn 1's compile error
  EXPECT_NE(r.error_output.find("2/2 turns done"), std::string::npos) << r.error_output;
}

// Issue 13 leftover: a baseline nothing can store (database locked, journal on a full device) is printed all
// the same, named on stderr, and the command exits 2.
TEST(CliStore, ABaselineNothingCanStoreIsPrintedAndNamed) {
  test::TempDir tmp;
  const auto db_path = tmp.path / "kbench.db";
  { ResultStore create(db_path); }
  std::filesystem::create_symlink("/dev/full", pending_writes_path(db_path));
  ProcessResult r;
  {
    sql::Database holder(db_path.string());
    holder.exec("BEGIN EXCLUSIVE");
    test::ScopedEnv busy("KBENCH_DB_BUSY_MS", "100");
    r = test::run_kbench({"baseline", "--tasks", "activation/relu", "--backend", "cpu", "--no-time"}, tmp.path);
    holder.exec("ROLLBACK");
  }
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("activation/relu"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("correct"), std::string::npos) << "the result is printed: " << r.output;
  EXPECT_NE(r.output.find("the baseline of activation/relu was not stored"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace kbench

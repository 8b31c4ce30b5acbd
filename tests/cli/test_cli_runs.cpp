// Issue 15 end to end: `kbench runs` lists a database's runs with their labels, commits and counts;
// compare and report find runs by label; unknown task ids and categories exit 2 naming what matched
// nothing; `kbench run --no-db` writes no database.
#include <gtest/gtest.h>

#include "tests/results/compare_fixtures.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {

using test::add_attempt;
using test::timed_verdict;
using test::timing;

TEST(CliRuns, ListsRunsWithLabelCommitAndCounts) {
  test::TempDir tmp;
  const auto db = tmp.path / "runs.db";
  std::string first, second;
  {
    ResultStore store(db);
    first = store.begin_run("baseline", "kbench baseline", {}, {"nightly", "0123456789abcdef0123456789abcdef01234567", true});
    add_attempt(store, first, "a/k", "reference", timed_verdict(Status::correct, timing(100e3, 0.02, 100), 100e3));
    add_attempt(store, first, "a/j", "reference", timed_verdict(Status::incorrect, {}, 100e3));
    store.finish_run(first);
    second = store.begin_run("eval", "kbench eval");
    add_attempt(store, second, "a/k", "candidate", timed_verdict(Status::correct, timing(300e3, 0.02, 100), 100e3));
    add_attempt(store, second, "a/k", "candidate", timed_verdict(Status::correct, timing(310e3, 0.02, 100), 100e3));
  }
  auto r = test::run_kbench({"runs", "--db", db.string(), "--json"}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = test::parse_json_output(r);
  ASSERT_EQ(j.size(), 2u);
  for (const char* column : {"id", "kind", "label", "git_commit", "git_dirty", "started_at", "finished_at", "device", "host",
                             "kbench_version", "attempts", "tasks", "correct_tasks", "command"})
    EXPECT_TRUE(j[0].contains(column)) << column;
  EXPECT_EQ(j[0]["id"], first);
  EXPECT_EQ(j[0]["label"], "nightly");
  EXPECT_EQ(j[0]["git_commit"], "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(j[0]["git_dirty"], true);
  EXPECT_EQ(j[0]["attempts"], 2);
  EXPECT_EQ(j[0]["tasks"], 2);
  EXPECT_EQ(j[0]["correct_tasks"], 1);
  EXPECT_EQ(j[0]["device"], "Synthetic CPU (2 threads)");
  EXPECT_TRUE(j[1]["label"].is_null());
  EXPECT_TRUE(j[1]["git_dirty"].is_null());
  EXPECT_EQ(j[1]["attempts"], 2);
  EXPECT_EQ(j[1]["tasks"], 1);

  r = test::run_kbench({"runs", "--db", db.string()}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("RUN "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("0123456789ab+dirty"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2 runs in"), std::string::npos) << r.output;
  EXPECT_EQ(test::run_kbench({"runs", "--db", (tmp.path / "absent.db").string()}, tmp.path).exit_code, 2);

  // Runs are found by label and as `latest`: the eval run is 3x slower than the baseline's reference.
  r = test::run_kbench({"compare", db.string() + ":nightly", db.string() + ":latest", "--json"}, tmp.path);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(test::parse_json_output(r)["base"]["label"], "nightly");
  r = test::run_kbench({"report", "--db", db.string(), "--run", "nightly", "--json"}, tmp.path);
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST(CliRuns, UnknownTaskIdsAndCategoriesExitTwoNamingThem) {
  test::TempDir tmp;
  auto r = test::run_kbench({"baseline", "--tasks", "activation/relu,activation/nope", "--backend", "cpu"}, tmp.path);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("'activation/nope' matched no task"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(tmp.path / "kbench.db"));  // refused before anything ran or was stored
  r = test::run_kbench({"selftest", "--tasks", "nope/*"}, tmp.path);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("'nope/*'"), std::string::npos) << r.output;
  r = test::run_kbench({"run", "--tasks", "activation/relu,zzz", "--model", "replay", "--no-db"}, tmp.path);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("'zzz'"), std::string::npos) << r.output;
  r = test::run_kbench({"list", "--category", "nope"}, tmp.path);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("'nope' matches no category"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("activation"), std::string::npos) << r.output;  // the categories there are
}

TEST(CliRuns, RunWithNoDbWritesNoDatabase) {
  test::TempDir tmp;
  // KBENCH_DB points into tmp (run_kbench): the default database would appear there.
  const auto r = test::run_kbench({"run", "--tasks", "activation/relu", "--model", "replay", "--turns", "1", "--no-db",
                                   "--no-time", "--unsandboxed"},
                                  tmp.path);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("activation/relu"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(tmp.path / "kbench.db")) << r.output;
  for (const auto& e : std::filesystem::recursive_directory_iterator(tmp.path))
    EXPECT_NE(e.path().extension(), ".db") << e.path();
}

TEST(CliRuns, ExportWritesTheDocumentedColumnsAndSeedsAsStrings) {
  test::TempDir tmp;
  const auto db = tmp.path / "export.db";
  std::string run;
  {
    ResultStore store(db);
    run = store.begin_run("eval", "kbench eval", {}, {"pr-7", "", std::nullopt});
    Verdict v = timed_verdict(Status::correct, timing(100e3, 0.02, 100), 50e3);
    v.seed = 11716954291130729402ull;  // over 2^53: a JSON number would be rounded by jq and JavaScript
    v.timing_policy = "screen";
    add_attempt(store, run, "a/k", "candidate", v);
  }
  auto r = test::run_kbench({"export", "--db", db.string(), "--format", "csv"}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.substr(0, r.output.find('\n')),
            "run_id,attempt_id,task_id,backend,role,sample,turn,status,detail,device,compiler,seed,speedup,vendor_speedup,"
            "max_abs_err,max_rel_err,nrel_err,compile_seconds,compile_cached,verify_seconds,time_seconds,sandboxed,"
            "source_hash,kbench_version,created_at,timing_policy");
  EXPECT_NE(r.output.find(",11716954291130729402,"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(",screen\n"), std::string::npos) << r.output;  // the row of screen numbers says so
  r = test::run_kbench({"export", "--db", db.string(), "--format", "csv", "--table", "timings", "--run", "pr-7"}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.substr(0, r.output.find('\n')),
            "run_id,attempt_id,task_id,backend,role,shape,kernel,median_ns,min_ns,p10_ns,p90_ns,mean_ns,stddev_ns,cv,samples,"
            "method,speedup,timing_policy");
  EXPECT_NE(r.output.find(",n=1000,candidate,"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(",n=1000,reference,"), std::string::npos) << r.output;
  r = test::run_kbench({"export", "--db", db.string(), "--format", "json"}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = test::parse_json_output(r);
  ASSERT_EQ(j["attempts"].size(), 1u);
  EXPECT_EQ(j["attempts"][0]["seed"], "11716954291130729402");
  EXPECT_EQ(j["attempts"][0]["timing_policy"], "screen");
  EXPECT_EQ(j["timings"][0]["timing_policy"], "screen");
  EXPECT_EQ(j["timings"].size(), 2u);
  EXPECT_TRUE(j["llm_calls"].empty());
  r = test::run_kbench({"export", "--db", db.string(), "--format", "jsonl"}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 3);
  EXPECT_EQ(nlohmann::json::parse(r.output.substr(0, r.output.find('\n')))["table"], "attempts");
  EXPECT_EQ(test::run_kbench({"export", "--db", db.string(), "--run", "BOGUS"}, tmp.path).exit_code, 2);
}

}  // namespace
}  // namespace kbench

// The CLI's other commands and its exit codes: list, show, baseline, usage and harness errors.
#include <gtest/gtest.h>

#include <fstream>

#include "../test_support.hpp"

using namespace kbench;

TEST(Cli, ListJsonHasEveryTaskWithItsFields) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"list", "--json"}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  // Every task file on disk is listed, each once, and nothing else.
  const std::set<std::string> on_disk = test::task_ids_on_disk();
  ASSERT_FALSE(on_disk.empty());
  EXPECT_EQ(j.size(), on_disk.size());
  std::set<std::string> listed;
  for (const auto& t : j) {
    for (const char* key : {"id", "category", "level", "dtypes", "reference_backends"}) EXPECT_TRUE(t.contains(key)) << key;
    const std::string id = t.at("id");
    EXPECT_EQ(id.substr(0, id.find('/')), t.at("category").get<std::string>()) << id;
    listed.insert(id);
  }
  EXPECT_EQ(listed, on_disk);
  const auto only = nlohmann::json::parse(test::run_kbench({"list", "--json", "--category", "loss"}, tmp.path).output);
  for (const auto& t : only) EXPECT_EQ(t.at("category"), "loss");
}

TEST(Cli, ShowPrintsSignatureAndReference) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"show", "normalization/layernorm"}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("extern \"C\" void solve(const float* x, const float* gamma, const float* beta, float* y, int64_t rows, int64_t cols, float eps)"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("Reference kernel"), std::string::npos);
}

TEST(Cli, ShowPrintsTheToleranceOfTheTasksOwnDtypes) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"show", "normalization/rmsnorm_f16"}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // An f16 output whose rows reduce over cols: the model's f16 tolerance, not float32's.
  EXPECT_NE(r.output.find("f16   reduce cols     nrel 0.000981 to 0.00107"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("f32 outputs"), std::string::npos) << r.output;
  const ProcessResult exact = test::run_kbench({"show", "indexing/topk_rows"}, tmp.path);
  EXPECT_NE(exact.output.find("indices    i64   exact"), std::string::npos) << exact.output;
}

TEST(Cli, AuditPassesOnTheCatalogAndFailsNamingALoosenedTask) {
  test::TempDir tmp;
  const ProcessResult ok = test::run_kbench({"audit", "--tasks", "normalization/softmax,attention/causal_attention_bf16", "--json"}, tmp.path);
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  const auto j = nlohmann::json::parse(ok.output);
  ASSERT_EQ(j.size(), 2u);
  for (const auto& t : j) {
    EXPECT_TRUE(t.at("ok").get<bool>()) << t.dump(2);
    EXPECT_LT(t.at("honest_ratio").get<double>(), 1.0);
    EXPECT_GT(t.at("narrowest_rejected_ratio").get<double>(), 1.0);
  }
  // The same task with its tolerance loosened 100x in a copy of the catalog: exit 1, the task named.
  std::filesystem::create_directories(tmp.path / "root" / "tasks" / "activation");
  std::filesystem::create_symlink(test::source_dir() / "reference_kernels", tmp.path / "root" / "reference_kernels");
  nlohmann::json spec = nlohmann::json::parse(std::ifstream(test::source_dir() / "tasks" / "activation" / "gelu_tanh.json"));
  spec["tolerance"] = {{"atol", 1e-2}, {"rtol", 1e-1}, {"nrel", 4.3e-4}, {"floor", 6e-6}, {"reason", "loosened 100x by a test"}};
  std::ofstream(tmp.path / "root" / "tasks" / "activation" / "gelu_tanh.json") << spec.dump(2);
  const ProcessResult bad = run_process({"env", "KBENCH_ROOT=" + (tmp.path / "root").string(), (test::bin_dir() / "kbench").string(), "audit"}, 300);
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("FAIL activation/gelu_tanh"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("mutant 'y rounded to f16' is accepted"), std::string::npos) << bad.output;
}

TEST(Cli, UsageAndHarnessErrorsExitWithTwo) {
  test::TempDir tmp;
  EXPECT_EQ(test::run_kbench({"eval"}, tmp.path).exit_code, 2);
  EXPECT_EQ(test::run_kbench({"frobnicate"}, tmp.path).exit_code, 2);
  const ProcessResult unknown = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(), "--task", "nope/none"}, tmp.path);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("unknown task 'nope/none'"), std::string::npos) << unknown.output;
  const ProcessResult missing = test::run_kbench({"eval", "/nonexistent.cpp", "--task", "elementwise/vector_add"}, tmp.path);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(test::run_kbench({"eval", "--help"}, tmp.path).exit_code, 0);
}

TEST(Cli, MalformedTaskSpecIsAClearError) {
  test::TempDir tmp;
  std::filesystem::create_directories(tmp.path / "root" / "tasks" / "loss");
  std::filesystem::create_symlink(test::source_dir() / "reference_kernels", tmp.path / "root" / "reference_kernels");
  std::ofstream(tmp.path / "root" / "tasks" / "loss" / "broken.json") << R"({"id": "loss/broken", "category": "loss", "level": 1})";
  const ProcessResult r = run_process({"env", "KBENCH_ROOT=" + (tmp.path / "root").string(), (test::bin_dir() / "kbench").string(), "list"}, 60);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("broken.json: field 'description': missing"), std::string::npos) << r.output;
}

TEST(Cli, BaselineStoresReferenceTimings) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"baseline", "--tasks", "activation/relu", "--backend", "cpu", "--max-time-ms", "200"}, tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("activation/relu"), std::string::npos);
  const ProcessResult q = run_process({"sqlite3", (tmp.path / "kbench.db").string(),
                                       "SELECT task_id, kind, median_ns > 0, json_extract(timing_json, '$.timing_policy') FROM baselines; "
                                       "SELECT role, status FROM attempts;"}, 30);
  EXPECT_NE(q.output.find("activation/relu|reference|1|full"), std::string::npos) << q.output;  // the policy that took it
  EXPECT_NE(q.output.find("reference|correct"), std::string::npos) << q.output;
}

// Issue 13: `kbench report --db typo/x.db` created the folder and an empty database and reported nothing.
TEST(Cli, ReportOnAMissingDatabaseIsAnErrorAndCreatesNothing) {
  test::TempDir tmp;
  const auto missing = tmp.path / "typo" / "x.db";
  const ProcessResult r = test::run_kbench({"report", "--db", missing.string()}, tmp.path);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("no database file at"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(missing.parent_path()));
}

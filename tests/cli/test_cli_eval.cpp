// End to end through `kbench eval`: one candidate of each verdict, hostile ones included; a cache folder
// another user owns.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "results/store/pending_writes.hpp"
#include "results/store/store.hpp"

#include "../test_support.hpp"

using namespace kbench;

namespace {

struct Case {
  std::string file, task, status, detail_contains;
  std::vector<std::string> extra;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

class EvalVerdicts : public ::testing::TestWithParam<Case> {};

TEST_P(EvalVerdicts, GivesTheExpectedVerdictAndExitCode) {
  const Case& c = GetParam();
  test::TempDir tmp;
  std::vector<std::string> args = {"eval", test::candidate(c.file).string(), "--task", c.task, "--backend", "cpu", "--json"};
  args.insert(args.end(), c.extra.begin(), c.extra.end());
  const ProcessResult r = test::run_kbench(args, tmp.path);
  ASSERT_FALSE(r.timed_out);
  nlohmann::json j;
  ASSERT_NO_THROW(j = test::parse_json_output(r)) << r.output;
  EXPECT_EQ(j.at("status"), c.status) << j.dump(2);
  EXPECT_NE(j.at("detail").get<std::string>().find(c.detail_contains), std::string::npos) << j.at("detail");
  EXPECT_EQ(r.exit_code, c.status == "correct" ? 0 : 1);
  for (const char* key : {"metrics", "device", "compiler", "seed"}) EXPECT_TRUE(j.contains(key)) << key;
}

const std::vector<std::string> kVerifyOnly = {"--no-time", "--run-timeout", "5"};

INSTANTIATE_TEST_SUITE_P(
    Candidates, EvalVerdicts,
    ::testing::Values(
        Case{"vector_add_correct.cpp", "elementwise/vector_add", "correct", "float64 oracle", kVerifyOnly},
        Case{"vector_add_chatty.cpp", "elementwise/vector_add", "correct", "float64 oracle", kVerifyOnly},
        Case{"vector_add_syntax_error.cpp", "elementwise/vector_add", "compile_error", "compilation failed", kVerifyOnly},
        Case{"vector_add_wrong_signature.cpp", "elementwise/vector_add", "compile_error", "compilation failed", kVerifyOnly},
        Case{"vector_add_fork.cpp", "elementwise/vector_add", "compile_error", "imports 'fork'", kVerifyOnly},
        Case{"vector_add_segfault.cpp", "elementwise/vector_add", "runtime_error", "Segmentation fault", kVerifyOnly},
        Case{"vector_add_abort.cpp", "elementwise/vector_add", "runtime_error", "Aborted", kVerifyOnly},
        Case{"vector_add_exit.cpp", "elementwise/vector_add", "runtime_error", "exited with status 0", kVerifyOnly},
        Case{"vector_add_hang.cpp", "elementwise/vector_add", "timeout", "no reply within 2 s", {"--no-time", "--run-timeout", "2"}},
        // Issue 13: a call's limit follows the trusted work at its shape (5 s here, not --run-timeout's 60 s),
        // and the whole evaluation has a budget.
        Case{"vector_add_hang.cpp", "elementwise/vector_add", "timeout", "no reply within 5 s; worker killed (the limit at this shape is 50 x the float64 oracle's", {"--no-time"}},
        Case{"vector_add_slow_calls.cpp", "elementwise/vector_add", "timeout", "(the evaluation's budget of 2 s, --eval-budget, is spent)", {"--no-time", "--eval-budget", "2"}},
        Case{"vector_add_floods_log.cpp", "elementwise/vector_add", "runtime_error", "File size limit exceeded", kVerifyOnly},
        Case{"vector_add_wrong.cpp", "elementwise/vector_add", "incorrect", "output 'c' element 0", kVerifyOnly},
        Case{"vector_add_skip_tail.cpp", "elementwise/vector_add", "incorrect", "is nan", kVerifyOnly},
        Case{"vector_add_modifies_input.cpp", "elementwise/vector_add", "incorrect", "modified input 'b'", kVerifyOnly},
        Case{"vector_add_prints_invalid_utf8.cpp", "elementwise/vector_add", "correct", "float64 oracle", kVerifyOnly},
        Case{"vector_add_misspelled_solve.cpp", "elementwise/vector_add", "compile_error", "defines no extern \"C\" solve", kVerifyOnly},
        Case{"vector_add_forges_reply.cpp", "elementwise/vector_add", "runtime_error", "malformed reply", kVerifyOnly},
        Case{"vector_add_shrinks_arena.cpp", "elementwise/vector_add", "correct", "float64 oracle", {"--max-time-ms", "200"}},
        Case{"vector_add_snoops_other_processes.cpp", "elementwise/vector_add", "correct", "float64 oracle", {"--max-time-ms", "200"}},
        Case{"vector_add_out_of_bounds.cpp", "elementwise/vector_add", "incorrect", "outside the bounds of 'c'", kVerifyOnly},
        Case{"vector_add_compute_once.cpp", "elementwise/vector_add", "incorrect", "at shape n=16777216", {"--max-time-ms", "200"}},
        Case{"matmul_correct.cpp", "matmul/matmul", "correct", "float64 oracle", kVerifyOnly},
        Case{"matmul_fp16_accumulate.cpp", "matmul/matmul", "incorrect", "output 'C'", kVerifyOnly},
        Case{"mse_loss_correct.cpp", "loss/mse_loss", "correct", "float64 oracle", kVerifyOnly},
        Case{"mse_loss_subsample.cpp", "loss/mse_loss", "incorrect", "output 'out'", kVerifyOnly},
        Case{"mse_loss_expected_value.cpp", "loss/mse_loss", "incorrect", "output 'out'", kVerifyOnly},
        // Issue 14: verdicts right for real kernels (docs/verification.md).
        Case{"softmax_llmc_plain_float.cpp", "normalization/softmax", "correct", "float64 oracle", kVerifyOnly},
        Case{"gelu_tanh_fp16_table.cpp", "activation/gelu_tanh", "incorrect", "output 'y'", kVerifyOnly},
        Case{"cross_entropy_plus_tiny.cpp", "loss/cross_entropy", "correct", "float64 oracle", kVerifyOnly},
        Case{"causal_attention_bf16_ignores_scale.cpp", "attention/causal_attention_bf16", "incorrect", "output 'O'", kVerifyOnly},
        Case{"add_layernorm_bf16_fixed_eps.cpp", "fusion/add_layernorm_bf16", "incorrect", "output 'y'", kVerifyOnly}),
    [](const auto& info) {
      std::string n = info.param.file.substr(0, info.param.file.find('.'));
      if (info.param.file == "vector_add_hang.cpp" && info.param.extra.size() == 1) n += "_default_limit";
      return n;
    });

// The verdicts of issue 14's cases do not depend on the seed: the same verdict for several seeds each.
TEST(EvalVerdictsRepeat, SameVerdictForEverySeed) {
  test::TempDir tmp;
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> cases = {
      {"softmax_llmc_plain_float.cpp", {"normalization/softmax", "correct"}},
      {"gelu_tanh_fp16_table.cpp", {"activation/gelu_tanh", "incorrect"}},
      {"cross_entropy_plus_tiny.cpp", {"loss/cross_entropy", "correct"}},
      {"causal_attention_bf16_ignores_scale.cpp", {"attention/causal_attention_bf16", "incorrect"}},
      {"add_layernorm_bf16_fixed_eps.cpp", {"fusion/add_layernorm_bf16", "incorrect"}}};
  for (const auto& [file, expected] : cases)
    for (const char* seed : {"1", "77", "31337"}) {
      const ProcessResult r = test::run_kbench({"eval", test::candidate(file).string(), "--task", expected.first, "--backend", "cpu",
                                                "--json", "--no-time", "--seed", seed},
                                               tmp.path);
      nlohmann::json j;
      ASSERT_NO_THROW(j = test::parse_json_output(r)) << r.output;
      EXPECT_EQ(j.at("status"), expected.second) << file << " seed " << seed << ": " << j.at("detail");
      if (expected.second == "correct") EXPECT_FALSE(j.at("metrics").contains("failing_shape")) << file << ": a correct verdict names no failing shape";
      else EXPECT_FALSE(j.at("metrics").value("failing_shape", "").empty()) << file << ": an incorrect verdict names its shape";
    }
}

// `kbench eval FILE --task elementwise/vector_add --json --no-time` on the CPU backend.
ProcessResult eval_vector_add_verify_only(const std::string& file, const test::TempDir& tmp) {
  return test::run_kbench({"eval", test::candidate(file).string(), "--task", "elementwise/vector_add", "--backend", "cpu",
                           "--json", "--no-time"},
                          tmp.path);
}

TEST(EvalCompile, RejectsAWrongSignatureBecauseOfTheSignature) {
  test::TempDir tmp;
  const ProcessResult r = eval_vector_add_verify_only("vector_add_wrong_signature.cpp", tmp);
  const auto j = test::parse_json_output(r);
  ASSERT_EQ(j.at("status"), "compile_error") << j.dump(2);
  // g++ names the conflict between the candidate's solve(..., int n) and the shim's solve(..., int64_t n).
  const std::string log = j.at("compile_log");
  EXPECT_TRUE(test::is_signature_error(log)) << log;
  EXPECT_NE(log.find("vector_add_wrong_signature.cpp"), std::string::npos) << log;
  EXPECT_NE(log.find("it must be exactly:\n  extern \"C\" void solve(const float* a, const float* b, float* c, int64_t n);"),
            std::string::npos) << log;
}

TEST(EvalTimed, CorrectCandidateReportsTimingsAndSpeedup) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(), "--task",
                                            "elementwise/vector_add", "--json", "--max-time-ms", "300"},
                                           tmp.path);
  const auto j = test::parse_json_output(r);
  ASSERT_EQ(j.at("status"), "correct") << j.dump(2);
  EXPECT_GT(j.at("speedup").get<double>(), 0.0);
  EXPECT_GT(j.at("candidate_median_ns").get<double>(), 0.0);
  EXPECT_GT(j.at("reference_median_ns").get<double>(), 0.0);
  const auto& t = j.at("timings").at(0);
  EXPECT_GE(t.at("candidate").at("samples").get<int>(), 1);
  EXPECT_LE(t.at("candidate").at("min_ns").get<double>(), t.at("candidate").at("median_ns").get<double>());
  EXPECT_GT(t.at("achieved_bytes_per_s").get<double>(), 0.0);
}

// Issue 16: --timing screen is named in the verdict, with its parameters (--max-time-ms over screen's own
// cap, its other values kept), in the stored verdict and in the run's configuration.
TEST(EvalTimed, TheScreenPolicyIsNamedInTheVerdictAndInWhatIsStored) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(), "--task",
                                            "elementwise/vector_add", "--json", "--timing", "screen", "--max-time-ms", "150"},
                                           tmp.path);
  const auto j = test::parse_json_output(r);
  ASSERT_EQ(j.at("status"), "correct") << j.dump(2);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(j.at("timing_policy"), "screen");
  EXPECT_EQ(j.at("timing_parameters").at("max_time_ms"), 150.0);
  EXPECT_EQ(j.at("timing_parameters").at("target_rse"), 0.02);
  EXPECT_EQ(j.at("timing_parameters").at("min_samples"), 5);
  EXPECT_EQ(j.at("timings").at(0).at("measurement").at("every_call_checked"), true);
  ResultStore store(tmp.path / "kbench.db");
  ASSERT_EQ(store.runs().size(), 1u);
  EXPECT_EQ(store.runs()[0].config.value("timing_policy", ""), "screen");
  const auto attempts = store.attempts(store.runs()[0].id);
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].verdict.timing_policy, "screen");
  EXPECT_EQ(attempts[0].verdict.timing_parameters.value("max_time_ms", 0.0), 150.0);
}

TEST(EvalUsage, AnUnknownTimingPolicyExitsWithTwoNamingTheFlag) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(), "--task",
                                            "elementwise/vector_add", "--no-db", "--timing", "bogus"},
                                           tmp.path);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--timing"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("bogus"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("correct"), std::string::npos) << "nothing was judged: " << r.output;
}

TEST(EvalTimed, SameSeedGivesSameInputsAndErrors) {
  test::TempDir tmp;
  auto run = [&] {
    return test::parse_json_output(test::run_kbench({"eval", test::candidate("matmul_correct.cpp").string(), "--task",
                                                     "matmul/matmul", "--json", "--no-time", "--seed", "1234"},
                                                    tmp.path));
  };
  const auto a = run(), b = run();
  EXPECT_EQ(a.at("seed"), "1234");  // a string: 64-bit seeds must survive JSON readers (issue 15)
  EXPECT_EQ(a.at("metrics").at("nrel_err"), b.at("metrics").at("nrel_err"));
}

// Built under umask 077 the artifact is 0700: a worker that gave up root must still be able to load it.
TEST(EvalTimed, CandidatesLoadWhenBuiltUnderARestrictiveUmask) {
  test::TempDir tmp;
  const std::string command = "umask 077 && exec env KBENCH_CACHE='" + (tmp.path / "cache").string() + "' '" +
                              (test::bin_dir() / "kbench").string() + "' eval '" +
                              test::candidate("vector_add_correct.cpp").string() +
                              "' --task elementwise/vector_add --json --no-db --max-time-ms 200";
  const ProcessResult r = run_process({"sh", "-c", command}, 600);
  const auto j = test::parse_json_output(r);
  EXPECT_EQ(j.at("status"), "correct") << j.dump(2);
}

// A cache folder another user could have planted is a harness error the user reads, before anything runs.
TEST(EvalCache, ACacheFolderSomeoneElseOwnsIsAnErrorSayingHowToFixIt) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a folder to uid 65534 (CI runs tests as root)";
  test::TempDir tmp;
  std::filesystem::create_directory(tmp.path / "cache");  // run_kbench's KBENCH_CACHE
  ASSERT_EQ(::chown((tmp.path / "cache").c_str(), 65534, 65534), 0);
  const ProcessResult r = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(), "--task",
                                            "elementwise/vector_add", "--backend", "cpu", "--no-db", "--no-time"},
                                           tmp.path);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("kbench: error: cache folder "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("owned by uid 65534"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("remove it or set KBENCH_CACHE to a folder you own"), std::string::npos) << r.output;
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path / "cache"));
}

TEST(EvalBatch, SeveralFilesGiveOneVerdictEachInOrderStoredInOneRun) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(),
                                            test::candidate("vector_add_wrong.cpp").string(),
                                            test::candidate("vector_add_syntax_error.cpp").string(), "--task",
                                            "elementwise/vector_add", "--json", "--no-time", "--jobs", "2"},
                                           tmp.path);
  EXPECT_EQ(r.exit_code, 1) << r.output;  // not every verdict is correct
  const auto j = test::parse_json_output(r);
  ASSERT_TRUE(j.is_array()) << j.dump(2);
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0].at("status"), "correct");
  EXPECT_EQ(j[1].at("status"), "incorrect");
  EXPECT_EQ(j[2].at("status"), "compile_error");
  EXPECT_NE(j[1].at("file").get<std::string>().find("vector_add_wrong.cpp"), std::string::npos);
  ResultStore store(tmp.path / "kbench.db");
  const auto run = store.latest_run_id();
  ASSERT_TRUE(run);
  const auto attempts = store.attempts(*run);
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_EQ(attempts[0].verdict.status, Status::correct);
  EXPECT_EQ(attempts[1].verdict.status, Status::incorrect);
  EXPECT_EQ(attempts[2].verdict.status, Status::compile_error);

  const ProcessResult text = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(),
                                               test::candidate("vector_add_correct.cpp").string(), "--task",
                                               "elementwise/vector_add", "--no-time", "--no-db"},
                                              tmp.path);
  EXPECT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("2 of 2 correct"), std::string::npos) << text.output;
}

// A source of bytes that are not UTF-8 under a Latin-1 file name: the compiler echoes them, and the
// verdict is still printed as JSON and stored (issue 13: nlohmann threw, exit 2, nothing stored).
TEST(EvalBatch, BytesThatAreNotUtf8InASourceAndItsNameStillGiveAVerdict) {
  test::TempDir tmp;
  const auto file = tmp.path / "caf\xE9.cpp";
  std::ofstream(file, std::ios::binary) << "#include <cstdint>\nint x = \"\xFF\xFE\" \xC0\xAF garbage;\n";
  const ProcessResult r = test::run_kbench({"eval", file.string(), "--task", "elementwise/vector_add", "--json", "--no-time"}, tmp.path);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto j = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.output;
  EXPECT_EQ(j.at("status"), "compile_error");
  ResultStore store(tmp.path / "kbench.db");
  const auto run = store.latest_run_id();
  ASSERT_TRUE(run);
  ASSERT_EQ(store.attempts(*run).size(), 1u);
  EXPECT_EQ(store.attempts(*run)[0].verdict.status, Status::compile_error);
}

// A candidate that shrinks its arena (issue 13) would make kbench's own mapping fault (SIGBUS, exit 135)
// and leave the rest of the batch unjudged; sealed arenas, which the worker keeps no descriptor of, cannot
// be resized, and every file gets its verdict.
TEST(EvalBatch, ACandidateShrinkingItsArenaCannotCrashTheBatch) {
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(),
                                            test::candidate("vector_add_shrinks_arena.cpp").string(),
                                            test::candidate("vector_add_correct.cpp").string(), "--task",
                                            "elementwise/vector_add", "--json", "--max-time-ms", "200"},
                                           tmp.path);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = test::parse_json_output(r);
  ASSERT_EQ(j.size(), 3u) << r.output;
  for (const auto& v : j) EXPECT_EQ(v.at("status"), "correct") << v.dump(2);
  EXPECT_EQ(j[1].at("run_log").get<std::string>().find("shrank"), std::string::npos) << j[1].dump(2);
}

// The verdict's compile time is the compiler's own (tenths of a second for g++), in a batch too, where
// the compile pool built the candidate before its evaluation; a cache hit says so and keeps that time.
TEST(EvalBatch, EachVerdictReportsItsOwnCompilersTime) {
  test::TempDir tmp;
  std::vector<std::string> args = {"eval"};
  for (int k = 0; k < 2; ++k) {
    const auto file = tmp.path / ("fresh" + std::to_string(k) + ".cpp");
    std::ofstream(file) << "#include <cstdint>\n// never seen before: " << k << " " << ::getpid() << "\n"
                        << "extern \"C\" void solve(const float* a, const float* b, float* c, int64_t n) {\n"
                        << "  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];\n}\n";
    args.push_back(file.string());
  }
  for (const char* a : {"--task", "elementwise/vector_add", "--json", "--no-time", "--no-db"}) args.push_back(a);
  const auto first = test::parse_json_output(test::run_kbench(args, tmp.path));
  ASSERT_TRUE(first.is_array()) << first.dump(2);
  ASSERT_EQ(first.size(), 2u);
  for (const auto& v : first) {
    EXPECT_EQ(v.at("status"), "correct") << v.dump(2);
    // g++ takes 0.05-0.5 s here (49 ms once on an idle CI machine); a cache lookup takes well under 10 ms.
    EXPECT_GT(v.at("compile_seconds").get<double>(), 0.01) << "a cache lookup was reported as the compile";
    EXPECT_EQ(v.at("compile_cached"), false);
  }
  args.erase(args.begin() + 2);  // the first file again, alone: a cache hit
  const auto again = test::parse_json_output(test::run_kbench(args, tmp.path));
  ASSERT_TRUE(again.is_object()) << again.dump(2);
  EXPECT_EQ(again.at("compile_cached"), true);
  EXPECT_DOUBLE_EQ(again.at("compile_seconds").get<double>(), first[0].at("compile_seconds").get<double>());
}

}  // namespace

// Issue 13: printing without end fills neither the disk nor kbench's memory, and leaves no run folder.
TEST(EvalLimits, AFloodedLogIsCappedAndItsRunFolderRemoved) {
  test::TempDir tmp;
  const ProcessResult r = eval_vector_add_verify_only("vector_add_floods_log.cpp", tmp);
  const auto j = test::parse_json_output(r);
  EXPECT_EQ(j.at("status"), "runtime_error") << j.at("detail");
  EXPECT_LT(r.output.size(), 200'000u) << "the verdict carries the log's head and tail only";
  std::size_t left = 0;
  if (std::filesystem::exists(tmp.path / "cache" / "runs"))
    for (const auto& e : std::filesystem::directory_iterator(tmp.path / "cache" / "runs")) left += !e.path().empty();
  EXPECT_EQ(left, 0u) << "the evaluation's run folder is removed";
}

// Issue 13: a database locked by another connection loses no verdict: it is printed, the exit code is the
// verdict's, and the next kbench that opens the database stores it from the journal.
TEST(EvalStore, ALockedDatabaseKeepsTheVerdictForTheNextStart) {
  test::TempDir tmp;
  const auto db_path = tmp.path / "kbench.db";
  { ResultStore create(db_path); }
  ProcessResult r;
  {
    sql::Database holder(db_path.string());
    holder.exec("BEGIN EXCLUSIVE");
    test::ScopedEnv busy("KBENCH_DB_BUSY_MS", "100");
    r = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(), "--task", "elementwise/vector_add",
                          "--backend", "cpu", "--no-time"},
                         tmp.path);
    holder.exec("ROLLBACK");
  }
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("correct"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("the database refused the verdict of elementwise/vector_add"), std::string::npos) << r.output;
  ASSERT_TRUE(std::filesystem::exists(pending_writes_path(db_path)));
  std::vector<std::string> notices;
  ResultStore next(db_path, [&](const std::string& m) { notices.push_back(m); });
  auto count = next.database().prepare("SELECT COUNT(*) FROM attempts WHERE status = 'correct'");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_int(0), 1);
  EXPECT_FALSE(std::filesystem::exists(pending_writes_path(db_path)));
}

// Issue 13: when neither the database nor its journal can take a verdict (here the journal is /dev/full,
// as on a full file system), every verdict is still printed, the batch goes on, the user is told which were
// not stored, and the exit code says kbench failed (2).
TEST(EvalStore, AVerdictNothingCanStoreIsPrintedAndNamed) {
  test::TempDir tmp;
  const auto db_path = tmp.path / "kbench.db";
  { ResultStore create(db_path); }
  std::filesystem::create_symlink("/dev/full", pending_writes_path(db_path));
  sql::Database holder(db_path.string());
  holder.exec("BEGIN EXCLUSIVE");
  test::ScopedEnv busy("KBENCH_DB_BUSY_MS", "100");
  const ProcessResult r = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(),
                                            test::candidate("vector_add_wrong.cpp").string(), "--task",
                                            "elementwise/vector_add", "--backend", "cpu", "--no-time"},
                                           tmp.path);
  holder.exec("ROLLBACK");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("correct"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("incorrect"), std::string::npos) << "the batch went on: " << r.output;
  EXPECT_NE(r.output.find("the verdict of " + test::candidate("vector_add_wrong.cpp").string() + " was not stored"),
            std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2 of 2 verdicts were printed but not stored"), std::string::npos) << r.output;
}

// Issue 15: Ctrl-C in `kbench run` says it is stopping, abandons the turn being judged within a few seconds
// (a candidate that never returns is not waited for), stores nothing half-judged, says how to resume, and
// the resumed run judges that turn afresh and finishes.
#include <gtest/gtest.h>

#include <fstream>

#include "results/store/store.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {

std::string reply_with(const std::string& file) {
  std::ifstream in(test::candidate(file), std::ios::binary);
  const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return "Here it is.\n\n```cpp\n" + source + "```\n";
}

int count(const std::filesystem::path& db, const std::string& sql) {
  ResultStore store(db);
  auto q = store.database().prepare(sql);
  return q.step() ? static_cast<int>(q.column_int(0)) : -1;
}

std::filesystem::path hang_then_correct_session(const test::TempDir& tmp) {
  const auto session = tmp.path / "hang_then_correct.json";
  std::ofstream(session) << nlohmann::json{{"note", "test session: a candidate that never returns, then a correct one"},
                                           {"backend", "cpu"},
                                           {"replies", {{"elementwise/vector_add", {reply_with("vector_add_hang.cpp"),
                                                                                    reply_with("vector_add_correct.cpp")}}}}}
                                .dump();
  return session;
}

// Starts `kbench run` on the session, then, 4 s in (the hanging candidate is being judged, or still
// compiling; its per-call limit is 5 s, so a run that waited for it would go on well past the signal),
// sends SIGINT, and the same again 50 ms later. The exit code is kbench's, or 130 when SIGINT killed it.
ProcessResult interrupted_run(const test::TempDir& tmp, const std::filesystem::path& session,
                              const std::filesystem::path& db) {
  const std::string script = "\"$@\" & pid=$!; sleep 4; kill -INT $pid; sleep 0.05; kill -INT $pid 2>/dev/null; wait $pid";
  return run_process({"sh", "-c", script, "sh", "env", "KBENCH_CACHE=" + (tmp.path / "cache").string(),
                      (test::bin_dir() / "kbench").string(), "run", "--tasks", "elementwise/vector_add", "--model",
                      "replay:" + session.string(), "--turns", "2", "--no-time", "--db", db.string()},
                     60, ProcessOptions{{}, std::nullopt, {}, true});
}

// The second SIGINT 50 ms after the first is the same Ctrl-C delivered twice (GNU timeout signals the
// child and then its process group; CI's first run of this test got exit 130 that way): the run stops as
// after one Ctrl-C.
TEST(RunInterrupt, CtrlCAbandonsTheTurnInFlightAndTheRunResumes) {
  test::TempDir tmp;
  const auto session = hang_then_correct_session(tmp);
  const auto db = tmp.path / "kbench.db";
  const ProcessResult r = interrupted_run(tmp, session, db);
  EXPECT_FALSE(r.signaled) << "it had to be killed: " << r.output;
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_LT(r.seconds, 4 + 3.0) << "stopped within a few seconds of Ctrl-C: " << r.output;
  EXPECT_NE(r.output.find("kbench: stopping"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("abandoned"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("0/2 turns done"), std::string::npos) << "counters agree: " << r.output;
  EXPECT_NE(r.output.find("0 of 2 turns done"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("stopped by Ctrl-C"), std::string::npos) << r.output;
  const auto at = r.output.find("kbench run --resume ");
  ASSERT_NE(at, std::string::npos) << r.output;
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM attempts"), 0) << "nothing half-judged is stored";
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM turns_in_flight"), 0);

  std::string run = r.output.substr(at + std::string("kbench run --resume ").size());
  run = run.substr(0, run.find_first_of(" `\n"));
  const ProcessResult resumed = test::run_kbench({"run", "--resume", run, "--db", db.string()}, tmp.path, 120);
  EXPECT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("2/2 turns done"), std::string::npos) << resumed.output;
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM attempts WHERE status = 'timeout'"), 1) << "the abandoned turn, judged afresh";
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM attempts WHERE status = 'correct'"), 1);
}

}  // namespace
}  // namespace kbench

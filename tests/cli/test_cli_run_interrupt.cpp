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

TEST(RunInterrupt, CtrlCAbandonsTheTurnInFlightAndTheRunResumes) {
  test::TempDir tmp;
  const auto session = tmp.path / "hang_then_correct.json";
  std::ofstream(session) << nlohmann::json{{"note", "test session: a candidate that never returns, then a correct one"},
                                           {"backend", "cpu"},
                                           {"replies", {{"elementwise/vector_add", {reply_with("vector_add_hang.cpp"),
                                                                                    reply_with("vector_add_correct.cpp")}}}}}
                                .dump();
  const auto db = tmp.path / "kbench.db";
  // SIGINT after 4 s: by then the hanging candidate is being judged (or still compiling); its per-call limit
  // is 5 s, so a run that waited for it would go on well past the signal. -k: KILL if it does not stop in 20 s.
  const ProcessResult r = run_process(
      {"timeout", "--preserve-status", "-s", "INT", "-k", "20", "4", "env", "KBENCH_CACHE=" + (tmp.path / "cache").string(),
       (test::bin_dir() / "kbench").string(), "run", "--tasks", "elementwise/vector_add", "--model", "replay:" + session.string(),
       "--turns", "2", "--no-time", "--db", db.string()},
      60, ProcessOptions{{}, std::nullopt, {}, true});
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

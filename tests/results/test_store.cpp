// ResultStore: migrations, round trips, durability of finished attempts across kill -9.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "results/store/migrations.hpp"
#include "results/store/store.hpp"
#include "../test_support.hpp"

using namespace kbench;

namespace {
AttemptRecord sample_attempt(const std::string& run, Status status) {
  AttemptRecord a;
  a.run_id = run;
  a.task_id = "elementwise/vector_add";
  a.backend = "cpu";
  a.source = "extern \"C\" void solve() {}";
  a.source_hash = "abc";
  a.verdict.status = status;
  a.verdict.detail = "detail";
  a.verdict.device = "cpu0";
  a.verdict.compiler = "g++ 12";
  a.verdict.metrics.nrel = 1e-7;
  ShapeTiming st;
  st.shape = "n=16";
  st.candidate = summarize_samples({100, 110, 120, 130}, "cpu-wall");
  st.reference = summarize_samples({200, 210, 220}, "cpu-wall");
  st.speedup = st.reference.median_ns / st.candidate.median_ns;
  a.verdict.timings.push_back(st);
  a.verdict.speedup = st.speedup;
  return a;
}
}  // namespace

TEST(Store, MigratesToTheCurrentVersionWithWal) {
  test::TempDir tmp;
  ResultStore store(tmp.path / "sub" / "k.db");
  EXPECT_EQ(store.database().user_version(), schema_version());
  auto s = store.database().prepare("PRAGMA journal_mode");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.column_text(0), "wal");
  // Re-opening is a no-op migration.
  ResultStore again(tmp.path / "sub" / "k.db");
  EXPECT_EQ(again.database().user_version(), schema_version());
}

TEST(Store, RefusesADatabaseFromTheFuture) {
  test::TempDir tmp;
  {
    sql::Database db((tmp.path / "f.db").string());
    db.set_user_version(schema_version() + 1);
  }
  EXPECT_THROW(ResultStore(tmp.path / "f.db"), sql::SqliteError);
}

TEST(Store, AttemptsRoundTripWithProvenance) {
  test::TempDir tmp;
  ResultStore store(tmp.path / "k.db");
  const std::string run = store.begin_run("eval", "kbench eval x.cpp", {{"task", "t"}});
  store.add_attempt(sample_attempt(run, Status::correct));
  store.finish_run(run);
  const auto attempts = store.attempts(run);
  ASSERT_EQ(attempts.size(), 1u);
  const auto& a = attempts[0];
  EXPECT_EQ(a.verdict.status, Status::correct);
  EXPECT_EQ(a.verdict.device, "cpu0");
  ASSERT_EQ(a.verdict.timings.size(), 1u);
  EXPECT_EQ(a.verdict.timings[0].candidate.raw_ns.size(), 4u);
  EXPECT_DOUBLE_EQ(*a.verdict.speedup, 210.0 / 115.0);
  EXPECT_FALSE(a.kbench_version.empty());
  const auto r = store.run(run);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->finished_at.has_value());
  EXPECT_EQ(store.latest_run_id("eval"), run);
  auto s = store.database().prepare("SELECT status, speedup, ref_median_ns FROM attempts");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.column_text(0), "correct");
  EXPECT_DOUBLE_EQ(s.column_double(2), 210.0);
}

TEST(Store, KillNineLosesNoFinishedAttempt) {
  test::TempDir tmp;
  const auto path = tmp.path / "k.db";
  std::string run;
  {
    ResultStore store(path);
    run = store.begin_run("eval", "test");
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    ResultStore store(path);
    for (int i = 0;; ++i) {
      store.add_attempt(sample_attempt(run, Status::incorrect));
      const char c = 'x';
      if (write(fds[1], &c, 1) != 1) _exit(1);  // one byte per finished attempt
    }
  }
  close(fds[1]);
  char buf[64];
  int finished = 0;
  while (finished < 25) {
    const ssize_t n = read(fds[0], buf, sizeof buf);
    ASSERT_GT(n, 0);
    finished += static_cast<int>(n);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) finished += static_cast<int>(n);  // acknowledged before the kill
  close(fds[0]);
  ResultStore store(path);
  EXPECT_GE(static_cast<int>(store.attempts(run).size()), finished);
}

TEST(Store, BaselinesRoundTrip) {
  test::TempDir tmp;
  ResultStore store(tmp.path / "k.db");
  const std::string run = store.begin_run("baseline", "test");
  store.add_baseline({run, "matmul/matmul", "cpu", "reference", "cpu0", "g++", "M=1", summarize_samples({5, 6, 7}, "cpu-wall"), "", "screen"});
  store.add_baseline({run, "matmul/matmul", "cpu", "reference", "cpu0", "g++", "M=2", summarize_samples({5}, "cpu-wall"), "", ""});
  const auto b = store.baselines(run);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_DOUBLE_EQ(b[0].timing.median_ns, 6.0);
  EXPECT_EQ(b[0].shape, "M=1");
  EXPECT_EQ(b[0].timing_policy, "screen");  // kept in timing_json: no schema change
  EXPECT_EQ(b[1].timing_policy, "");        // not said (as in rows stored before the policies)
}

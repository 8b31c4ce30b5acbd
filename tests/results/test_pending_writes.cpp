// The journal of refused writes: a verdict the database refuses (locked past the busy timeout, full) is
// kept next to it, the user is told, and the next store that opens the database merges it; a line cut short
// by a crash is skipped with a note, the rest merged.
#include <gtest/gtest.h>

#include <fstream>

#include "results/store/pending_writes.hpp"
#include "results/store/store.hpp"
#include "../test_support.hpp"

using namespace kbench;
namespace fs = std::filesystem;

namespace {
AttemptRecord attempt(const std::string& run, const std::string& source) {
  AttemptRecord a;
  a.run_id = run;
  a.task_id = "elementwise/vector_add";
  a.backend = "cpu";
  a.source = source;
  a.source_hash = "h";
  a.verdict.status = Status::correct;
  a.verdict.detail = "ok";
  a.verdict.seed = 11716954291130729402ull;
  return a;
}

std::int64_t count(sql::Database& db, const std::string& table) {
  auto s = db.prepare("SELECT COUNT(*) FROM " + table);
  EXPECT_TRUE(s.step());
  return s.column_int(0);
}

// Another connection holding the database's write lock (as a second kbench writing, or a backup would).
struct WriteLockHolder {
  sql::Database db;
  explicit WriteLockHolder(const fs::path& path) : db(path.string()) { db.exec("BEGIN EXCLUSIVE"); }
  ~WriteLockHolder() { db.exec("ROLLBACK"); }
};
}  // namespace

TEST(PendingWrites, ALockedDatabaseKeepsTheVerdictAndTheNextOpenStoresIt) {
  test::TempDir tmp;
  const fs::path path = tmp.path / "k.db";
  test::ScopedEnv busy("KBENCH_DB_BUSY_MS", "50");
  std::vector<std::string> notices;
  std::string run;
  {
    ResultStore store(path, [&](const std::string& m) { notices.push_back(m); });
    run = store.begin_run("eval", "kbench eval a.cpp");
    EXPECT_EQ(store.add_attempt(attempt(run, "stored before the lock")), 1);
    {
      WriteLockHolder lock(path);
      EXPECT_TRUE(ResultStore::is_placeholder(store.add_attempt(attempt(run, "kept while locked"))));
      store.finish_run(run);
    }
    EXPECT_EQ(store.kept_in_journal(), 2u);
    ASSERT_EQ(notices.size(), 2u);
    EXPECT_NE(notices[0].find("refused the verdict of elementwise/vector_add"), std::string::npos) << notices[0];
    EXPECT_NE(notices[0].find(pending_writes_path(path).string()), std::string::npos) << notices[0];
    EXPECT_EQ(count(store.database(), "attempts"), 1);
  }
  ASSERT_TRUE(fs::exists(pending_writes_path(path)));
  notices.clear();
  ResultStore next(path, [&](const std::string& m) { notices.push_back(m); });
  EXPECT_FALSE(fs::exists(pending_writes_path(path)));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].find("stored 2 result(s)"), std::string::npos) << notices[0];
  const auto attempts = next.attempts(run);
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[1].source, "kept while locked");
  EXPECT_EQ(attempts[1].verdict.seed, 11716954291130729402ull);  // the 64-bit seed survives the journal
  ASSERT_TRUE(next.run(run));
  EXPECT_TRUE(next.run(run)->finished_at.has_value());
}

TEST(PendingWrites, ARunStartedWhileLockedIsKeptWithItsAttemptsInOrder) {
  test::TempDir tmp;
  const fs::path path = tmp.path / "k.db";
  test::ScopedEnv busy("KBENCH_DB_BUSY_MS", "20");
  std::string run;
  {
    ResultStore store(path, [](const std::string&) {});
    WriteLockHolder lock(path);
    run = store.begin_run("eval", "kbench eval a.cpp");
    store.add_attempt(attempt(run, "first"));
    store.add_attempt(attempt(run, "second"));
    store.finish_run(run);
    EXPECT_EQ(store.kept_in_journal(), 4u);
  }
  ResultStore next(path, [](const std::string&) {});
  const auto attempts = next.attempts(run);  // the run row merged before its attempts (foreign keys hold)
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].source, "first");
  EXPECT_EQ(attempts[1].source, "second");
}

TEST(PendingWrites, AFullDatabaseKeepsTheVerdict) {
  test::TempDir tmp;
  const fs::path path = tmp.path / "k.db";
  std::string run;
  {
    ResultStore store(path, [](const std::string&) {});
    run = store.begin_run("eval", "kbench eval a.cpp");
    // No page more than it has now: the next large row is SQLITE_FULL, as on a full file system.
    auto pages = store.database().prepare("PRAGMA page_count");
    ASSERT_TRUE(pages.step());
    store.database().exec("PRAGMA max_page_count = " + std::to_string(pages.column_int(0)));
    EXPECT_TRUE(ResultStore::is_placeholder(store.add_attempt(attempt(run, std::string(1 << 20, 'x')))));
    EXPECT_EQ(store.kept_in_journal(), 1u);
  }
  ResultStore next(path, [](const std::string&) {});
  ASSERT_EQ(next.attempts(run).size(), 1u);
  EXPECT_EQ(next.attempts(run)[0].source.size(), std::size_t{1} << 20);
}

TEST(PendingWrites, ALineCutShortByACrashIsSkippedAndTheRestMerged) {
  test::TempDir tmp;
  const fs::path path = tmp.path / "k.db";
  std::string run;
  {
    test::ScopedEnv busy("KBENCH_DB_BUSY_MS", "20");
    ResultStore store(path, [](const std::string&) {});
    run = store.begin_run("eval", "kbench eval a.cpp");
    WriteLockHolder lock(path);
    store.add_attempt(attempt(run, "kept"));  // line 1
  }
  append_pending_write(pending_writes_path(path), {{"table", "attempts"}, {"row", {{"no_such_column", 1}}}});
  {
    std::ofstream torn(pending_writes_path(path), std::ios::app);
    torn << R"({"table":"attempts","row":{"run_id":)";
  }
  std::vector<std::string> notices;
  ResultStore next(path, [&](const std::string& m) { notices.push_back(m); });
  EXPECT_EQ(count(next.database(), "attempts"), 1);
  ASSERT_EQ(notices.size(), 3u);
  EXPECT_NE(notices[0].find("line 3: skipped (cut short"), std::string::npos) << notices[0];
  EXPECT_NE(notices[1].find("no_such_column"), std::string::npos) << notices[1];
  EXPECT_NE(notices[2].find("stored 1 result(s)"), std::string::npos) << notices[2];
  EXPECT_FALSE(fs::exists(pending_writes_path(path)));
}

TEST(PendingWrites, AJournalStaysWholeWhileTheDatabaseStillRefuses) {
  test::TempDir tmp;
  const fs::path path = tmp.path / "k.db";
  test::ScopedEnv busy("KBENCH_DB_BUSY_MS", "20");
  std::string run;
  {
    ResultStore store(path, [](const std::string&) {});
    run = store.begin_run("eval", "kbench eval a.cpp");
    WriteLockHolder lock(path);
    store.add_attempt(attempt(run, "kept"));
    std::vector<std::string> notices;
    ResultStore blocked(path, [&](const std::string& m) { notices.push_back(m); });  // cannot merge yet
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].find("still refuses"), std::string::npos) << notices[0];
    EXPECT_TRUE(fs::exists(pending_writes_path(path)));
  }
  ResultStore next(path, [](const std::string&) {});
  EXPECT_EQ(next.attempts(run).size(), 1u);
}

TEST(PendingWrites, ABadBusyTimeoutIsAnErrorNamingTheVariable) {
  test::TempDir tmp;
  test::ScopedEnv busy("KBENCH_DB_BUSY_MS", "soon");
  try {
    ResultStore store(tmp.path / "k.db");
    FAIL() << "opened with KBENCH_DB_BUSY_MS=soon";
  } catch (const sql::SqliteError& e) {
    EXPECT_NE(std::string(e.what()).find("KBENCH_DB_BUSY_MS=soon"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(tmp.path / "k.db"));
}

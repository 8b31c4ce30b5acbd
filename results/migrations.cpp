// The schema of kbench's results database, as an ordered list of migrations (see migrations.hpp).
#include "results/migrations.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace kbench {
namespace {

// Migration 1: runs, attempts (one row per evaluated candidate) and reference baselines.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE runs (
  id             TEXT PRIMARY KEY,          -- "20261126-141503-3f9a1c"
  kind           TEXT NOT NULL,             -- eval | baseline | selftest | run
  started_at     TEXT NOT NULL,             -- ISO-8601 UTC
  finished_at    TEXT,
  kbench_version TEXT NOT NULL,
  host           TEXT NOT NULL,
  command        TEXT NOT NULL,             -- the command line, for provenance
  config_json    TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE attempts (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id          TEXT NOT NULL REFERENCES runs(id),
  task_id         TEXT NOT NULL,
  backend         TEXT NOT NULL,
  role            TEXT NOT NULL DEFAULT 'candidate',  -- candidate | reference | vendor
  sample          INTEGER,                  -- LLM loop: best-of-S index
  turn            INTEGER,                  -- LLM loop: refinement turn
  device          TEXT NOT NULL,
  compiler        TEXT NOT NULL,
  source          TEXT NOT NULL,
  source_hash     TEXT NOT NULL,
  status          TEXT NOT NULL,            -- correct | incorrect | compile_error | runtime_error | timeout | compiled | no_code
  detail          TEXT NOT NULL DEFAULT '',
  compile_log     TEXT NOT NULL DEFAULT '',
  run_log         TEXT NOT NULL DEFAULT '',
  max_abs_err     REAL,
  max_rel_err     REAL,
  nrel_err        REAL,
  first_mismatch  INTEGER,
  failing_shape   TEXT,
  cand_median_ns  REAL,
  cand_min_ns     REAL,
  ref_median_ns   REAL,
  speedup         REAL,
  vendor_speedup  REAL,
  seed            INTEGER,
  verdict_json    TEXT NOT NULL,            -- the whole Verdict, timings per shape with samples
  kbench_version  TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX attempts_by_run ON attempts(run_id);
CREATE INDEX attempts_by_task ON attempts(task_id, backend);
CREATE TABLE baselines (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id         TEXT NOT NULL REFERENCES runs(id),
  task_id        TEXT NOT NULL,
  backend        TEXT NOT NULL,
  kind           TEXT NOT NULL DEFAULT 'reference',   -- reference | vendor
  device         TEXT NOT NULL,
  compiler       TEXT NOT NULL,
  shape          TEXT NOT NULL,
  median_ns      REAL NOT NULL,
  min_ns         REAL NOT NULL,
  cv             REAL NOT NULL,
  samples        INTEGER NOT NULL,
  timing_json    TEXT NOT NULL,
  kbench_version TEXT NOT NULL,
  created_at     TEXT NOT NULL
);
CREATE INDEX baselines_by_task ON baselines(task_id, backend);
)sql";

// Append later migrations here (issue 4 owns migration 2: LLM calls, response cache, run samples).
constexpr std::array<std::string_view, 1> kMigrations = {kV1};

}  // namespace

int schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate(sql::Database& db) {
  int current = db.user_version();
  if (current > schema_version())
    throw sql::SqliteError(fmt::format("database {} has schema version {}, newer than this kbench knows ({})",
                                       db.path(), current, schema_version()));
  for (int v = current; v < schema_version(); ++v) {
    sql::Transaction tx(db);
    db.exec(kMigrations[v]);
    db.set_user_version(v + 1);
    tx.commit();
  }
}

}  // namespace kbench

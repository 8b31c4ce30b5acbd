// The schema of kbench's results database, as an ordered list of migrations (see migrations.hpp).
#include "results/store/migrations.hpp"

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

// Migration 2 (issue 4, the LLM loop): every LLM call with its usage and latency, the reply cache
// keyed by the exact request, and the turns of `kbench run` linking run → task → sample → turn to
// the call that produced the reply, the extracted source and the attempt that judged it.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE llm_calls (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id           TEXT REFERENCES runs(id),
  task_id          TEXT,
  sample           INTEGER,
  turn             INTEGER,
  provider         TEXT NOT NULL,             -- openai | anthropic | replay
  model            TEXT NOT NULL,             -- as requested
  endpoint         TEXT NOT NULL,             -- base URL or replay file (never a key)
  request_json     TEXT NOT NULL,             -- {"model","messages","options"}: what was asked, without secrets
  response_text    TEXT,                      -- NULL when the call failed
  status           TEXT NOT NULL,             -- ok | error
  error_kind       TEXT,                      -- config | http | timeout | connection | protocol | cancelled
  error            TEXT,                      -- redacted message
  http_status      INTEGER,
  attempts         INTEGER NOT NULL DEFAULT 0,  -- HTTP tries (0: cache or replay)
  cached           INTEGER NOT NULL DEFAULT 0,
  input_tokens     INTEGER NOT NULL DEFAULT 0,
  output_tokens    INTEGER NOT NULL DEFAULT 0,
  reasoning_tokens INTEGER NOT NULL DEFAULT 0,
  latency_s        REAL,
  finish_reason    TEXT,
  reply_model      TEXT,                      -- as reported by the provider
  created_at       TEXT NOT NULL
);
CREATE INDEX llm_calls_by_run ON llm_calls(run_id);
CREATE TABLE response_cache (
  key          TEXT PRIMARY KEY,              -- sha256 of provider, endpoint, request body and sample index
  request_json TEXT NOT NULL,
  reply_json   TEXT NOT NULL,
  hits         INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
CREATE TABLE turns (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id           TEXT NOT NULL REFERENCES runs(id),
  task_id          TEXT NOT NULL,
  backend          TEXT NOT NULL,
  sample           INTEGER NOT NULL,
  turn             INTEGER NOT NULL,
  llm_call_id      INTEGER NOT NULL REFERENCES llm_calls(id),  -- prompt (request_json) and response
  extracted_source TEXT,                      -- NULL when the reply held no usable code
  attempt_id       INTEGER NOT NULL REFERENCES attempts(id),   -- the verdict
  status           TEXT NOT NULL,             -- the verdict's status, repeated for queries
  feedback         TEXT NOT NULL,             -- the user message rendered from the verdict for the next turn
  created_at       TEXT NOT NULL,
  UNIQUE (run_id, task_id, sample, turn)
);
CREATE INDEX turns_by_run ON turns(run_id, task_id, sample, turn);
)sql";

// Migration 3 (issue 13): the turn of `kbench run` being evaluated right now, written before the candidate
// runs and removed once its turn is stored. A row left behind means kbench stopped (was killed, crashed,
// ran out of memory) while judging that candidate; --resume judges it again once and, when it stops kbench
// a second time, stores the turn as the candidate's runtime_error, so that no candidate can wedge a run.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE turns_in_flight (
  run_id      TEXT NOT NULL REFERENCES runs(id),
  task_id     TEXT NOT NULL,
  sample      INTEGER NOT NULL,
  turn        INTEGER NOT NULL,
  llm_call_id INTEGER NOT NULL REFERENCES llm_calls(id),
  source      TEXT NOT NULL,                 -- the extracted candidate being judged
  tries       INTEGER NOT NULL,              -- evaluations of this candidate started so far
  started_at  TEXT NOT NULL,
  PRIMARY KEY (run_id, task_id, sample, turn)
);
)sql";

// Migration 4 (issue 15, runs you can find): a run's label (--label) and the git commit of the working
// directory it ran in, with whether that checkout had uncommitted changes (NULL: not a git checkout).
constexpr std::string_view kV4 = R"sql(
ALTER TABLE runs ADD COLUMN label TEXT;
ALTER TABLE runs ADD COLUMN git_commit TEXT;
ALTER TABLE runs ADD COLUMN git_dirty INTEGER;
CREATE INDEX runs_by_label ON runs(label);
)sql";

// Append later migrations here.
constexpr std::array<std::string_view, 4> kMigrations = {kV1, kV2, kV3, kV4};

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

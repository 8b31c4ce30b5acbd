// ResultStore: kbench's SQLite database; it writes the runs, attempts and baselines tables. All SQL that
// writes the database lives in results/store/: ResultStore here, LlmStore and ResponseCacheTable
// (llm_store.hpp) for llm_calls, turns and response_cache; outside it, only results/analysis/report.cpp
// reads (SELECT) the llm_calls table. Every write is one transaction, so a kill -9 loses at most the
// attempt in flight; a write the database refuses for now goes to a journal next to it (pending_writes.hpp).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/candidate/candidate.hpp"
#include "core/verdict/verdict.hpp"
#include "results/store/sqlite.hpp"

namespace kbench {

struct RunRecord {
  std::string id;
  std::string kind;  // eval | baseline | selftest | run
  std::string started_at;
  std::optional<std::string> finished_at;
  std::string kbench_version;
  std::string host;
  std::string command;
  nlohmann::json config = nlohmann::json::object();
  std::string label;                // --label; "" when none was given
  std::string git_commit;           // of the working directory when it is a git checkout, else ""
  std::optional<bool> git_dirty;    // uncommitted changes there; none when not a checkout
};

// Where a run comes from, beyond its command: what begin_run stores besides kind, command and config.
struct RunProvenance {
  std::string label;
  std::string git_commit;
  std::optional<bool> git_dirty;
};

struct AttemptRecord {
  std::int64_t id = 0;  // set when stored / loaded
  std::string run_id;
  std::string task_id;
  std::string backend;
  std::string role = "candidate";  // candidate | reference | vendor
  std::optional<int> sample, turn;
  std::string source;
  std::string source_hash;
  Verdict verdict;
  std::string kbench_version;
  std::string created_at;
};

// What tells one stored attempt of a task from another besides its candidate and verdict.
struct AttemptOrigin {
  std::string role = "candidate";  // candidate | reference | vendor
  std::optional<int> sample, turn;  // set by the LLM run loop only

  static AttemptOrigin reference() {  // a reference kernel (baseline, selftest)
    AttemptOrigin o;
    o.role = "reference";
    return o;
  }
  static AttemptOrigin llm_turn(int sample, int turn) {  // a candidate of the run loop
    AttemptOrigin o;
    o.sample = sample;
    o.turn = turn;
    return o;
  }
};

// The one way an AttemptRecord is made from an evaluation (eval, baseline, selftest and the run loop);
// id, kbench_version and created_at are left for the store to fill.
AttemptRecord attempt_record(const std::string& run_id, const std::string& task_id, const std::string& backend,
                             const Candidate& candidate, const Verdict& verdict, const AttemptOrigin& origin = {});

struct BaselineRecord {
  std::string run_id, task_id, backend, kind = "reference", device, compiler, shape;
  TimingSummary timing;
  std::string created_at;
  std::string timing_policy;  // the policy that took `timing` ("full", "screen"); kept in timing_json; empty: not said
};

// A run with what `kbench runs` lists about it (counts over its attempts).
struct RunListing {
  RunRecord run;
  std::string device;               // of its first attempt that names one
  int attempts = 0, tasks = 0, correct_tasks = 0;  // correct_tasks: tasks with at least one correct attempt
};

class ResultStore {
 public:
  // What the store tells the user (a refused write kept in the journal, a journal merged); stderr when empty.
  using Notice = std::function<void(const std::string&)>;

  // Opens or creates the database (parent folders too), migrates it and merges the journal of writes it
  // refused earlier (pending_writes.hpp).
  explicit ResultStore(const std::filesystem::path& path, Notice notice = {});

  // Starts a run and returns its id.
  std::string begin_run(const std::string& kind, const std::string& command,
                        const nlohmann::json& config = nlohmann::json::object(), const RunProvenance& provenance = {});
  void finish_run(const std::string& run_id);
  // Stores one attempt and returns its id. When the database refuses the write for now (locked past the
  // busy timeout, disk full, read-only) the attempt is kept in the journal instead, the user is told, and
  // the id is a placeholder (negative); it throws only when the journal cannot be written either.
  std::int64_t add_attempt(AttemptRecord attempt);
  // add_attempt(attempt_record(...)): stores one evaluated candidate and returns its id.
  std::int64_t record_attempt(const std::string& run_id, const std::string& task_id, const std::string& backend,
                              const Candidate& candidate, const Verdict& verdict, const AttemptOrigin& origin = {});
  void add_baseline(BaselineRecord baseline);

  std::vector<RunRecord> runs() const;  // oldest first
  std::vector<RunListing> run_listings() const;  // oldest first
  std::optional<RunRecord> run(const std::string& run_id) const;
  std::optional<std::string> latest_run_id(const std::string& kind = "") const;
  // A run named by its id, its label (the latest run with that label) or "latest"; none when nothing matches.
  std::optional<std::string> find_run(const std::string& id_or_label) const;
  std::vector<AttemptRecord> attempts(const std::string& run_id) const;
  std::vector<BaselineRecord> baselines(const std::string& run_id) const;

  // Inserts one row (column -> value) into `table` in one transaction and returns its id; what store_row
  // cannot write now goes to the journal and gets a placeholder id (negative, unique), which later rows may
  // use in their *_id columns: such rows go to the journal too, and the merge puts the real ids in.
  // `what` names the row in the message the user gets.
  std::int64_t store_row(const std::string& table, const nlohmann::json& row, const std::string& what);
  static bool is_placeholder(std::int64_t id) { return id < 0; }

  sql::Database& database() { return db_; }
  const std::filesystem::path& path() const { return path_; }
  std::size_t kept_in_journal() const { return kept_; }  // writes this store could not make in the database

 private:
  std::int64_t write_or_keep(nlohmann::json write, const std::string& what);
  void notify(const std::string& message) const;
  bool refers_to_kept_row(const nlohmann::json& row) const;  // a placeholder id, or a run kept in the journal

  std::filesystem::path path_;
  mutable sql::Database db_;
  Notice notice_;
  std::size_t kept_ = 0;
  std::set<std::string> kept_runs_;
};

// "20261126T141503Z-3f9a1c": sortable, unique enough for one machine.
std::string new_run_id();
std::string utc_now_iso();
// Default database: <kbench root>/results/kbench.db (KBENCH_DB overrides).
std::filesystem::path default_db_path();

}  // namespace kbench

// Writes the database refused for now (locked past its busy timeout, disk full, read-only, an I/O error),
// kept next to it as JSON lines in <db>.pending.jsonl so that no verdict is lost, and merged into the
// database by the next ResultStore that opens it. Each line is one write of a whole row:
//   {"table": "runs" | "attempts" | "baselines" | "llm_calls" | "turns", "row": {column: value, ...},
//    "placeholder": ID}                                          inserts the row;
//   {"table": "runs", "finish": RUN_ID, "at": TIME}              sets the run's finished_at.
// A row kept here has a placeholder id (negative) that rows kept after it use in their *_id columns (a
// turn's attempt_id); the merge replaces each with the id the database gave that row.
// Appends and merges hold an exclusive flock on the journal, so two kbench processes never merge the same
// line twice; a line cut short by a crash (the last one) is skipped, with a note.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/store/sqlite.hpp"

namespace kbench {

std::filesystem::path pending_writes_path(const std::filesystem::path& db_path);

// Appends one write and syncs it to disk. Throws std::runtime_error naming the journal when that fails too.
void append_pending_write(const std::filesystem::path& journal, const nlohmann::json& write);

// Inserts `row` (column -> string, integer, real or null) into `table` of `db`; the one INSERT that both
// the store and the merge use. Column names must be plain identifiers.
void insert_row(sql::Database& db, const std::string& table, const nlohmann::json& row);

// Makes one write of the journal's form in `db` (insert a row, or set a run's finished_at); `real_ids` maps
// placeholder ids of rows written before it to their real ids and gets this row's (when it has one).
// The store's own writes go through it too, with an empty map.
void apply_write(sql::Database& db, const nlohmann::json& write, std::map<std::int64_t, std::int64_t>& real_ids);

// A column that holds the id of another row (run_id, attempt_id, llm_call_id, ...).
bool id_column(const std::string& name);

struct MergeResult {
  std::size_t merged = 0;              // writes now in the database
  std::vector<std::string> notes;      // lines skipped, or why nothing could be merged yet
  bool pending_left = false;           // the journal still holds writes (the database refused them again)
};

// Replays every write of the journal into `db` in one transaction and empties the journal; when the
// database refuses for now, leaves it whole for the next start.
MergeResult merge_pending_writes(sql::Database& db, const std::filesystem::path& journal);

}  // namespace kbench

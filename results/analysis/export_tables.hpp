// The tables `kbench export` writes: attempts, timings (one row per attempt, bench shape and kernel
// timed) and llm_calls, for chosen runs, with stable column names (docs/results.md lists them). Cells are
// JSON values: strings, numbers, booleans or null; seeds are strings (64-bit numbers do not survive
// JSON readers that use doubles).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/store/store.hpp"

namespace kbench {

struct ExportTable {
  std::string name;                                  // attempts | timings | llm_calls
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::json>> rows;     // one cell per column
};

// The three tables over `run_ids` (every run of the store, oldest first, when empty), in that order.
std::vector<ExportTable> export_tables(ResultStore& store, const std::vector<std::string>& run_ids);

// Renderings: CSV of one table; one JSON object {table: [row objects]}; JSON lines, one row object each
// with its "table" named.
std::string export_csv(const ExportTable& table);
nlohmann::json export_json(const std::vector<ExportTable>& tables);
std::string export_jsonl(const std::vector<ExportTable>& tables);

}  // namespace kbench

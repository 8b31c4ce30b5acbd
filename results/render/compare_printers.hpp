// Printers of a RunComparison: a terminal table, Markdown (a CI job summary or a pull-request comment),
// JSON and CSV. They only format; every judgement was made by compare_runs (and apply_confirmation).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "results/analysis/run_compare.hpp"

namespace kbench {

struct ComparePrint {
  bool only_changed = false;  // rows only for tasks whose outcome is not "unchanged" (the counts keep every task)
};

std::string format_comparison_text(const RunComparison& c, const ComparePrint& print = {});
std::string format_comparison_markdown(const RunComparison& c, const ComparePrint& print = {});
nlohmann::json to_json(const RunComparison& c, const ComparePrint& print = {});
// One row per task and shape compared (one row with empty shape columns for a task without any); the
// columns are listed in docs/results.md.
std::string format_comparison_csv(const RunComparison& c, const ComparePrint& print = {});

}  // namespace kbench

// Printers of a RunComparison: a terminal table, Markdown (a CI job summary or a pull-request comment)
// and JSON. They only format; every judgement was made by compare_runs.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "results/analysis/run_compare.hpp"

namespace kbench {

std::string format_comparison_text(const RunComparison& c);
std::string format_comparison_markdown(const RunComparison& c);
nlohmann::json to_json(const RunComparison& c);

}  // namespace kbench

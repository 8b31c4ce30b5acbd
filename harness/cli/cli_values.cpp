// parse_threshold, parse_run_ref, resolve_run: see cli_values.hpp.
#include "harness/cli/cli_values.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace kbench::cli {

namespace fs = std::filesystem;

double parse_threshold(std::string text, const std::string& option) {
  const std::string given = text;
  bool percent = false;
  while (!text.empty() && (text.back() == '%' || text.back() == ' ')) {
    percent = percent || text.back() == '%';
    text.pop_back();
  }
  std::size_t used = 0;
  double v = -1;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !(v >= 0) || !std::isfinite(v))
    throw CLI::ValidationError(fmt::format("{}: '{}' is not a non-negative percentage (\"5%\") or fraction (\"0.05\")", option, given));
  return percent || v > 1 ? v / 100 : v;
}

RunRef parse_run_ref(const std::string& spec) {
  RunRef ref;
  if (fs::exists(spec)) {
    ref.db = spec;
  } else if (auto colon = spec.rfind(':'); colon != std::string::npos && colon > 0) {
    ref.db = spec.substr(0, colon);
    ref.run = spec.substr(colon + 1);
  } else {
    ref.db = spec;
  }
  if (!fs::is_regular_file(ref.db))
    throw CLI::ValidationError(fmt::format("'{}': no database file at {}", spec, ref.db.string()));
  return ref;
}

std::string list_runs_briefly(const ResultStore& store, std::size_t at_most) {
  const auto runs = store.runs();
  if (runs.empty()) return "  (no runs)\n";
  std::string out;
  const std::size_t first = runs.size() > at_most ? runs.size() - at_most : 0;
  if (first) out += fmt::format("  ... {} older runs (kbench runs --db {})\n", first, store.path().string());
  for (std::size_t i = first; i < runs.size(); ++i)
    out += fmt::format("  {:<24} {:<9} {:<16} {}\n", runs[i].id, runs[i].kind, runs[i].label.empty() ? "-" : runs[i].label,
                       runs[i].started_at);
  return out;
}

std::string resolve_run(const ResultStore& store, const std::string& run_or_label) {
  const std::string name = run_or_label.empty() ? "latest" : run_or_label;
  if (auto id = store.find_run(name)) return *id;
  if (name == "latest") throw CLI::ValidationError(fmt::format("{} holds no runs", store.path().string()));
  throw CLI::ValidationError(fmt::format("no run with id or label '{}' in {}; its runs:\n{}", name, store.path().string(),
                                         list_runs_briefly(store)));
}

}  // namespace kbench::cli

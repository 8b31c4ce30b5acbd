// `kbench export [--db PATH] [--run RUN ...] --format csv|json|jsonl [--table attempts|timings|llm_calls]`:
// the attempts, timings and LLM calls of chosen runs (default: all) on stdout, with the stable column
// names of docs/results.md. CSV holds one table (--table, default attempts); JSON and JSON lines hold
// all three unless --table picks one.
#include <fmt/format.h>

#include "harness/cli/cli_values.hpp"
#include "harness/cli/context.hpp"
#include "results/analysis/export_tables.hpp"

namespace kbench::cli {

void register_export(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("export", "Export attempts, timings and LLM calls as CSV, JSON or JSON lines");
  struct Args {
    std::string db, format = "csv", table;
    std::vector<std::string> runs;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--db", a->db, "Results database (default: <kbench source tree>/results/kbench.db, or $KBENCH_DB)");
  cmd->add_option("--run", a->runs, "Run id, label or `latest` (repeatable; default: every run)");
  cmd->add_option("--format", a->format, "csv (default), json or jsonl")->check(CLI::IsMember({"csv", "json", "jsonl"}));
  cmd->add_option("--table", a->table, "attempts, timings or llm_calls (CSV: default attempts)")
      ->check(CLI::IsMember({"attempts", "timings", "llm_calls"}));
  cmd->callback([&ctx, a] {
    const std::filesystem::path db = a->db.empty() ? default_db_path() : std::filesystem::path(a->db);
    if (!std::filesystem::is_regular_file(db)) throw CLI::ValidationError(fmt::format("--db: no database file at {}", db.string()));
    ResultStore store(db);
    std::vector<std::string> ids;
    for (const auto& r : a->runs) ids.push_back(resolve_run(store, r));
    std::vector<ExportTable> tables = export_tables(store, ids);
    const std::string pick = a->table.empty() && a->format == "csv" ? "attempts" : a->table;
    if (!pick.empty())
      std::erase_if(tables, [&](const ExportTable& t) { return t.name != pick; });
    if (a->format == "csv")
      fmt::print("{}", export_csv(tables.front()));
    else if (a->format == "json")
      fmt::print("{}\n", export_json(tables).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    else
      fmt::print("{}", export_jsonl(tables));
    ctx.exit_code = kExitOk;
  });
}

}  // namespace kbench::cli

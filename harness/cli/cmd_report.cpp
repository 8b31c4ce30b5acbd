// `kbench report [--run RUN] [--json] [--db PATH] [--price-in USD --price-out USD] [--fast-p P,...]`:
// per task the best verdict and speedup, per category and overall correctness and fast_p, token totals.
#include <fmt/format.h>

#include "harness/cli/cli_values.hpp"
#include "harness/cli/context.hpp"
#include "results/analysis/report.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {

void register_report(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("report", "Summarise a run: best verdict per task, correctness and fast_p, tokens");
  struct Args {
    std::string run, db;
    bool json = false;
    ReportOptions options;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--run", a->run, "Run id, label or `latest` (default: the latest `kbench run`, else the latest run)");
  cmd->add_option("--db", a->db, "Results database (default: results/kbench.db, or $KBENCH_DB)");
  cmd->add_flag("--json", a->json, "Print the report as JSON");
  cmd->add_option("--price-in", a->options.usd_per_mtok_input, "USD per million input tokens (for the cost)");
  cmd->add_option("--price-out", a->options.usd_per_mtok_output, "USD per million output tokens (for the cost)");
  cmd->add_option("--fast-p", a->options.fast_p, "Speedup thresholds p for fast_p")->delimiter(',');
  cmd->callback([&ctx, a] {
    const std::filesystem::path db = a->db.empty() ? default_db_path() : std::filesystem::path(a->db);
    // A report reads results: a mistyped path is an error, not a new empty database (and folder).
    if (!std::filesystem::is_regular_file(db)) throw CLI::ValidationError(fmt::format("--db: no database file at {}", db.string()));
    ResultStore store(db);
    std::string run = a->run.empty() ? "" : resolve_run(store, a->run);
    if (run.empty()) {
      auto latest = store.latest_run_id("run");
      if (!latest) latest = store.latest_run_id();
      if (!latest) throw std::invalid_argument(fmt::format("{} holds no runs", store.path().string()));
      run = *latest;
    }
    const RunReport report = build_report(store, run, a->options);
    if (a->json)
      fmt::print("{}\n", to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    else
      fmt::print("{}", format_report(report));
    ctx.exit_code = kExitOk;
  });
}

}  // namespace kbench::cli

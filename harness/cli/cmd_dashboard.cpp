// `kbench dashboard [--db PATH] [--out DIR] [--run RUN] [--threshold PCT] [--json]`: writes DIR/index.html,
// one self-contained static page (inline SVG charts, no network) summarising the database's runs; --json
// says what was written as one object.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "harness/cli/cli_values.hpp"
#include "harness/cli/context.hpp"
#include "results/analysis/dashboard_data.hpp"
#include "results/render/dashboard_html.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {

void register_dashboard(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("dashboard", "Write a self-contained static HTML dashboard of a results database");
  struct Args {
    std::string db, out = "kbench-dashboard", run, threshold = "5%";
    double confidence = 0.95;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--db", a->db, "Results database (default: results/kbench.db, or $KBENCH_DB)");
  cmd->add_option("--out", a->out, "Output folder; the page is DIR/index.html (default: ./kbench-dashboard)");
  cmd->add_option("--run", a->run, "Run summarised at the top (default: the latest `kbench run`, else the latest run)");
  cmd->add_option("--threshold", a->threshold,
                  "Timing change that marks a regression in the history: \"5%\", \"5\" (percent) or \"0.05\" (default 5%)");
  cmd->add_option("--confidence", a->confidence, "Confidence level of the medians' intervals (default 0.95)")
      ->check(CLI::Range(0.5, 0.9999));
  cmd->add_flag("--json", a->json, "Print what was written (page, runs, series, regressions) as one JSON object");
  cmd->callback([&ctx, a] {
    const std::filesystem::path db = a->db.empty() ? default_db_path() : std::filesystem::path(a->db);
    if (!std::filesystem::is_regular_file(db)) throw CLI::ValidationError(fmt::format("--db: no database file at {}", db.string()));
    ResultStore store(db);
    DashboardOptions options;
    if (!a->run.empty()) options.focus_run = a->run;
    options.compare.threshold = parse_threshold(a->threshold);
    options.compare.confidence = a->confidence;
    const DashboardData data = collect_dashboard_data(store, options);
    const std::filesystem::path out_dir(a->out);
    std::filesystem::create_directories(out_dir);
    const auto page = out_dir / "index.html";
    std::ofstream out(page, std::ios::binary);
    out << render_dashboard_html(data);
    out.close();
    if (!out) throw std::runtime_error("could not write " + page.string());
    int regressions = 0;
    for (const auto& h : data.history) regressions += h.regressions;
    if (a->json) {
      const nlohmann::json out_json = {{"page", std::filesystem::absolute(page).string()},
                                       {"db", data.db_path},
                                       {"runs", data.runs.size()},
                                       {"focus_run", data.focus ? nlohmann::json(data.focus->run.id) : nlohmann::json()},
                                       {"timing_series", data.history.size()},
                                       {"regressions", regressions}};
      fmt::print("{}\n", out_json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      fmt::print("wrote {} ({} runs, {} timing series, {} regressions marked)\n", page.string(), data.runs.size(),
                 data.history.size(), regressions);
    }
    ctx.exit_code = kExitOk;
  });
}

}  // namespace kbench::cli

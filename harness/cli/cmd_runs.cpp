// `kbench runs [--db PATH] [--kind K] [--json]`: the runs a database holds, oldest first: id, kind, label,
// git commit (with "+dirty" for a checkout with uncommitted changes), start, device and counts (attempts,
// tasks attempted, tasks with a correct attempt). Any of them names a run for compare and report.
#include <fmt/format.h>

#include "harness/cli/context.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {
namespace {

nlohmann::json listing_json(const RunListing& l) {
  auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); };
  return {{"id", l.run.id},
          {"kind", l.run.kind},
          {"label", or_null(l.run.label)},
          {"git_commit", or_null(l.run.git_commit)},
          {"git_dirty", l.run.git_dirty ? nlohmann::json(*l.run.git_dirty) : nlohmann::json()},
          {"started_at", l.run.started_at},
          {"finished_at", l.run.finished_at ? nlohmann::json(*l.run.finished_at) : nlohmann::json()},
          {"device", or_null(l.device)},
          {"host", l.run.host},
          {"kbench_version", l.run.kbench_version},
          {"attempts", l.attempts},
          {"tasks", l.tasks},
          {"correct_tasks", l.correct_tasks},
          {"command", l.run.command}};
}

}  // namespace

void register_runs(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("runs", "List the runs stored in a results database");
  struct Args {
    std::string db, kind;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--db", a->db, "Results database (default: <kbench source tree>/results/kbench.db, or $KBENCH_DB)");
  cmd->add_option("--kind", a->kind, "Only runs of this kind")->check(CLI::IsMember({"eval", "baseline", "selftest", "run", "serve"}));
  cmd->add_flag("--json", a->json, "Print a JSON array");
  cmd->callback([&ctx, a] {
    const std::filesystem::path db = a->db.empty() ? default_db_path() : std::filesystem::path(a->db);
    if (!std::filesystem::is_regular_file(db)) throw CLI::ValidationError(fmt::format("--db: no database file at {}", db.string()));
    ResultStore store(db);
    std::vector<RunListing> runs;
    for (auto& l : store.run_listings())
      if (a->kind.empty() || l.run.kind == a->kind) runs.push_back(std::move(l));
    if (a->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& l : runs) out.push_back(listing_json(l));
      fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      ctx.exit_code = kExitOk;
      return;
    }
    fmt::print("{:<24} {:<9} {:<16} {:<18} {:<20} {:>8} {:>6} {:>8}  {}\n", "RUN", "KIND", "LABEL", "COMMIT", "STARTED", "ATTEMPTS",
               "TASKS", "CORRECT", "DEVICE");
    for (const auto& l : runs) {
      const std::string commit = l.run.git_commit.empty() ? "-" : l.run.git_commit.substr(0, 12) + (l.run.git_dirty.value_or(false) ? "+dirty" : "");
      fmt::print("{:<24} {:<9} {:<16} {:<18} {:<20} {:>8} {:>6} {:>8}  {}\n", l.run.id, l.run.kind,
                 l.run.label.empty() ? "-" : l.run.label, commit, l.run.started_at, l.attempts, l.tasks, l.correct_tasks,
                 l.device.empty() ? "-" : l.device);
    }
    fmt::print("{} run{} in {}\n", runs.size(), runs.size() == 1 ? "" : "s", store.path().string());
    ctx.exit_code = kExitOk;
  });
}

}  // namespace kbench::cli

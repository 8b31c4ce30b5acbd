// `kbench audit [--tasks GLOB] [--json] [--seeds N]`: per task, the honest variant must be accepted and
// every mutant rejected at the check shapes (harness/audit). Exit 0 when every task passes, 1 when one
// does not (each failing task and mutant is listed), 2 on a usage error.
#include <fmt/format.h>

#include "harness/audit/audit.hpp"
#include "harness/cli/context.hpp"

namespace kbench::cli {

void register_audit(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("audit", "Check that each task's tolerances accept an honest float32 evaluation and reject its mutants");
  struct Args {
    std::string tasks = "*";
    bool json = false;
    int seeds = AuditOptions{}.seeds;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--tasks", a->tasks, "Glob(s) of task ids, comma-separated (default: all)");
  cmd->add_flag("--json", a->json, "Print a JSON array, one object per task");
  cmd->add_option("--seeds", a->seeds, "Trials per check shape")->check(CLI::Range(1, 100));
  cmd->callback([&ctx, a] {
    const auto tasks = ctx.catalog().select(a->tasks);
    AuditOptions opt;
    opt.seeds = a->seeds;
    nlohmann::json all = nlohmann::json::array();
    int failed = 0;
    for (const TaskSpec* t : tasks) {
      const TaskAudit r = audit_task(*t, opt);
      if (!r.ok()) ++failed;
      if (a->json) {
        all.push_back(to_json(r));
        continue;
      }
      const double narrow = r.narrowest_rejected_ratio();
      fmt::print("{:<4} {:<40} honest {:>8.3g}x tol ({})  narrowest rejected mutant {:>8.3g}x tol\n", r.ok() ? "ok" : "FAIL", r.task,
                 r.honest_ratio, r.honest_worst_shape, narrow);
      for (const auto& p : r.problems) fmt::print("       {}: {}\n", r.task, p);
    }
    if (a->json)
      fmt::print("{}\n", all.dump(2));
    else
      fmt::print("audit: {} tasks, {} pass, {} fail\n", tasks.size(), tasks.size() - failed, failed);
    ctx.exit_code = failed ? kExitVerdict : kExitOk;
  });
}

}  // namespace kbench::cli

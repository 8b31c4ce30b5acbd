// Shared evaluation flags.
#include "harness/cli/eval_options.hpp"

#include "backends/backend.hpp"
#include "results/store/store.hpp"

namespace kbench::cli {

void add_eval_flags(CLI::App* cmd, EvalFlags& f) {
  cmd->add_option("--trials", f.options.trials, "Seeds per check shape (>= 1)")->check(CLI::Range(1, 100));
  cmd->add_option("--seed", f.seed, "Base seed for inputs (default: fresh random, recorded)");
  cmd->add_option("--compile-timeout", f.options.compile_timeout_s, "Seconds the compiler may take")->check(CLI::PositiveNumber);
  cmd->add_option("--run-timeout", f.options.run_timeout_s,
                  "Most seconds one request to the candidate may take (a call gets less: 50x what the float64 oracle "
                  "or the reference took at that shape, at least 5 s)")->check(CLI::PositiveNumber);
  cmd->add_option("--eval-budget", f.options.eval_budget_s,
                  "Seconds the whole evaluation of one candidate may take once compiled (load, verify, time)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-time-ms", f.options.timing.max_time_ms, "Cap on timing per kernel and shape, ms")->check(CLI::PositiveNumber);
  cmd->add_option("--target-rse", f.options.timing.target_rse, "Stop timing once the relative standard error is below this");
  cmd->add_flag("!--no-time", f.options.time, "Verify only, do not time");
  cmd->add_option("--db", f.db, "Results database (default: results/kbench.db, or $KBENCH_DB)");
  cmd->add_flag("--no-db", f.no_db, "Do not store results (nothing is written to any database)");
  cmd->add_option("--label", f.label, "Label of the stored run (compare and report accept it in place of the run id)");
  cmd->add_flag("--unsandboxed", f.options.unsandboxed,
                "Run candidates outside the sandbox (where bubblewrap or user namespaces are missing; also "
                "KBENCH_ALLOW_UNSANDBOXED=1). Candidates can then reach this machine; verdicts record it");
}

EvalOptions resolved_options(const EvalFlags& f, const std::filesystem::path& root) {
  EvalOptions o = f.options;
  if (f.seed != 0) o.seed = f.seed;
  o.reference_root = root / "reference_kernels";
  return o;
}

std::filesystem::path resolved_db(const EvalFlags& f) { return f.db.empty() ? default_db_path() : std::filesystem::path(f.db); }

std::string best_backend() {
  for (const std::string name : {"cuda", "hip"}) {
    const auto names = backend_names();
    if (std::find(names.begin(), names.end(), name) == names.end()) continue;
    if (make_backend(name)->probe_device()) return name;
  }
  return "cpu";
}

}  // namespace kbench::cli

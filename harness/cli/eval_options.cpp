// Shared evaluation flags.
#include "harness/cli/eval_options.hpp"

#include "backends/backend.hpp"
#include "core/timing/named_timing_policies.hpp"
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
  cmd->add_option("--timing", f.timing,
                  "Timing policy: full (at least 10 samples and 50 ms, until 0.5% relative standard error, at most "
                  "2 s), or screen, to rank candidates (at least 5 samples and 10 ms, until 2%, at most 0.3 s); "
                  "both check every timed call")
      ->capture_default_str()
      ->check(CLI::IsMember(timing_policy_names()));
  cmd->add_option_function<double>("--max-time-ms", [&f](const double& ms) { f.max_time_ms = ms; },
                                   "Cap on timing per kernel and shape, ms (default: the policy's)")
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<double>("--target-rse", [&f](const double& rse) { f.target_rse = rse; },
                                   "Stop timing once the relative standard error is below this (default: the policy's)")
      ->check(CLI::NonNegativeNumber);
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
  const auto policy = timing_policy_named(f.timing);
  if (!policy) throw HarnessError("--timing: no timing policy '" + f.timing + "'");  // --timing's check refuses it first
  o.timing = *policy;
  if (f.max_time_ms) o.timing.max_time_ms = *f.max_time_ms;
  if (f.target_rse) o.timing.target_rse = *f.target_rse;
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

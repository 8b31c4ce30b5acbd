// Command-line options shared by the commands that evaluate kernels (eval, baseline, selftest, run).
#pragma once
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "harness/eval/evaluator.hpp"

namespace kbench::cli {

struct EvalFlags {
  EvalOptions options = default_eval_options();
  std::string timing = "full";             // --timing: the named policy (core/timing/named_timing_policies.hpp)
  std::optional<double> max_time_ms;       // --max-time-ms, --target-rse: given, they replace the policy's
  std::optional<double> target_rse;
  std::string db;          // empty: default database
  bool no_db = false;
  std::string label;       // --label of the run stored
  std::uint64_t seed = 0;  // 0: fresh random seed
};

// Adds --trials, --seed, --compile-timeout, --run-timeout, --eval-budget, --timing, --max-time-ms,
// --target-rse, --no-time, --db, --no-db, --label, --unsandboxed.
void add_eval_flags(CLI::App* cmd, EvalFlags& flags);
// Applies the parsed flags (seed, the --timing policy with --max-time-ms/--target-rse over its own values,
// paths relative to the kbench root).
EvalOptions resolved_options(const EvalFlags& flags, const std::filesystem::path& root);
std::filesystem::path resolved_db(const EvalFlags& flags);
// The best backend with a device on this machine ("cuda" when a GPU answers, else "cpu").
std::string best_backend();

}  // namespace kbench::cli

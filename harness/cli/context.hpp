// State shared by the kbench CLI commands: where tasks, references and the database live, and the
// exit code a command sets. Each command lives in cmd_<name>.cpp and registers itself with register_<name>.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "core/spec/catalog.hpp"

namespace kbench::cli {

// Exit codes: 0 success/correct, 1 a verdict other than correct (or a regression), 2 usage/harness error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitVerdict = 1;
inline constexpr int kExitError = 2;

struct Context {
  std::filesystem::path root;        // kbench source tree (tasks/, reference_kernels/, prompts/)
  std::string command_line;          // for run provenance
  int exit_code = kExitOk;
  const Catalog& catalog();          // loaded on first use
 private:
  std::unique_ptr<Catalog> catalog_;
};

// A command registers its subcommand and callback on `app`.
using Registrar = void (*)(CLI::App& app, Context& ctx);

void register_list(CLI::App& app, Context& ctx);
void register_show(CLI::App& app, Context& ctx);
void register_eval(CLI::App& app, Context& ctx);
void register_baseline(CLI::App& app, Context& ctx);
void register_selftest(CLI::App& app, Context& ctx);
void register_run(CLI::App& app, Context& ctx);     // LLM loop (issue 4)
void register_report(CLI::App& app, Context& ctx);  // run reports (issue 4)
void register_compare(CLI::App& app, Context& ctx);    // regression gate (issue 7)
void register_dashboard(CLI::App& app, Context& ctx);  // static HTML dashboard (issue 7)
void register_audit(CLI::App& app, Context& ctx);      // tolerance and check-shape audit (issue 14)
void register_runs(CLI::App& app, Context& ctx);       // the runs of a database (issue 15)
void register_export(CLI::App& app, Context& ctx);     // attempts, timings, LLM calls as CSV/JSON (issue 15)
void register_serve(CLI::App& app, Context& ctx);      // the reward server (issue 16)

}  // namespace kbench::cli

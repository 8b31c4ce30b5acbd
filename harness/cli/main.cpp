// kbench: measure GPU/CPU kernels and drive LLMs to write faster ones. Entry point of the CLI.
#include <fmt/format.h>

#include <exception>

#include "harness/cli/context.hpp"
#include "core/util/paths.hpp"

int main(int argc, char** argv) {
  using namespace kbench::cli;
  CLI::App app{"kbench: compile, verify and time kernels against float64 oracles; drive LLMs to write faster ones"};
  app.set_version_flag("--version", kbench::kbench_version());
  app.require_subcommand(1);
  Context ctx;
  ctx.root = kbench::kbench_root();
  for (int i = 0; i < argc; ++i) ctx.command_line += (i ? " " : "") + std::string(argv[i]);
  for (Registrar r : {register_list, register_show, register_eval, register_baseline, register_selftest, register_run,
                      register_report, register_compare, register_dashboard, register_audit,
                      register_runs, register_export, register_serve})
    r(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitError;
  } catch (const std::exception& e) {
    fmt::print(stderr, "kbench: error: {}\n", e.what());
    return kExitError;
  }
  return ctx.exit_code;
}

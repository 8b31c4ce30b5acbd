// Running external programs (compilers, tools) with a time limit, capturing their combined output. Every
// program starts with the fixed minimal environment (core/sandbox/environment.hpp), never kbench's own;
// given a SandboxSpec it runs inside bubblewrap, under resource limits.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/sandbox/sandbox_spec.hpp"

namespace kbench {

struct ProcessResult {
  int exit_code = -1;      // valid when !timed_out && !signaled
  bool timed_out = false;
  bool signaled = false;
  int signal = 0;
  std::string output;      // stdout and stderr interleaved
  double seconds = 0;
};

struct ProcessOptions {
  std::filesystem::path cwd;          // working directory (inside the sandbox too: bind it)
  std::optional<SandboxSpec> sandbox;  // run inside bubblewrap (sandbox_availability's) with this view
  ResourceLimits limits;              // applied to the program (and bubblewrap) before it starts
  bool inherit_environment = false;   // kbench's own environment instead of the minimal one (for tools
                                      // kbench trusts with it, such as kbench itself under test)
};

// Runs argv[0] (looked up in PATH) with its own process group; kills the whole group after timeout
// (a sandboxed program's whole pid namespace ends with bubblewrap). Throws std::runtime_error when the
// program cannot be started at all, or a sandbox is asked for where none can start.
ProcessResult run_process(const std::vector<std::string>& argv, double timeout_seconds, const ProcessOptions& options);
ProcessResult run_process(const std::vector<std::string>& argv, double timeout_seconds,
                          const std::filesystem::path& cwd = {});

// First line of `<program> --version`, or "" when it cannot run.
std::string program_version(const std::string& program);

}  // namespace kbench

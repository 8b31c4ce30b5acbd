// Running external programs (compilers, tools) with a time limit, capturing their combined output.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kbench {

struct ProcessResult {
  int exit_code = -1;      // valid when !timed_out && !signaled
  bool timed_out = false;
  bool signaled = false;
  int signal = 0;
  std::string output;      // stdout and stderr interleaved
  double seconds = 0;
};

// Runs argv[0] (looked up in PATH) with its own process group; kills the whole group after timeout.
// Throws std::runtime_error when the program cannot be started at all.
ProcessResult run_process(const std::vector<std::string>& argv, double timeout_seconds,
                          const std::filesystem::path& cwd = {});

// First line of `<program> --version`, or "" when it cannot run.
std::string program_version(const std::string& program);

}  // namespace kbench

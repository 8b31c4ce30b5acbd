// Helpers shared by test suites: paths of the source tree and built binaries, running kbench, scoped
// environment variables.
#pragma once
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/process.hpp"
#include "tests/compile_log_checks.hpp"

namespace kbench::test {

inline std::filesystem::path source_dir() { return KBENCH_TEST_SOURCE_DIR; }
inline std::filesystem::path bin_dir() { return KBENCH_TEST_BIN_DIR; }
inline std::filesystem::path candidate(const std::string& name) { return source_dir() / "tests" / "candidates" / "cpu" / name; }

// A fresh folder under the system temp dir, removed when the object dies.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() / ("kbench-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  static int& counter() {
    static int c = 0;
    return c;
  }
};

// Sets (or unsets, with nullopt) an environment variable for one scope, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value->c_str(), 1);
    else ::unsetenv(name);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Runs the built kbench with `args`; the environment points its cache and database into `tmp`.
inline ProcessResult run_kbench(const std::vector<std::string>& args, const std::filesystem::path& tmp, double timeout_s = 600) {
  std::vector<std::string> argv = {"env", "KBENCH_CACHE=" + (tmp / "cache").string(), "KBENCH_DB=" + (tmp / "kbench.db").string(),
                                   (bin_dir() / "kbench").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.inherit_environment = true;
  return run_process(argv, timeout_s, options);
}

// run_kbench with stdout and stderr apart: `output` is stdout only, `error_output` stderr (a --json command's
// stdout must be its JSON alone, while its progress lines go to stderr).
struct SplitOutput {
  ProcessResult result;  // result.output: stdout
  std::string error_output;
};
inline SplitOutput run_kbench_split(const std::vector<std::string>& args, const std::filesystem::path& tmp, double timeout_s = 600) {
  const auto err = tmp / "stderr.txt";
  std::vector<std::string> shell = {"sh", "-c", "exec \"$0\" \"$@\" 2>\"$KBENCH_TEST_STDERR\"", "env",
                                    "KBENCH_CACHE=" + (tmp / "cache").string(), "KBENCH_DB=" + (tmp / "kbench.db").string(),
                                    (bin_dir() / "kbench").string()};
  shell.insert(shell.end(), args.begin(), args.end());
  ScopedEnv where("KBENCH_TEST_STDERR", err.string());
  ProcessOptions options;
  options.inherit_environment = true;
  SplitOutput out{run_process(shell, timeout_s, options), ""};
  std::ifstream in(err, std::ios::binary);
  out.error_output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return out;
}

// Ids ("category/name") of every task file on disk, tasks/**/*.json, independent of the catalog loader.
inline std::set<std::string> task_ids_on_disk() {
  std::set<std::string> ids;
  const auto root = source_dir() / "tasks";
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".json")
      ids.insert(std::filesystem::relative(e.path(), root).replace_extension().generic_string());
  return ids;
}

// Parses the JSON object kbench printed (the whole stdout+stderr must be that object).
inline nlohmann::json parse_json_output(const ProcessResult& r) { return nlohmann::json::parse(r.output); }

}  // namespace kbench::test

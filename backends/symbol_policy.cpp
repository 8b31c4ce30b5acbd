// Imported-symbol inspection for library policy checks.
#include "backends/symbol_policy.hpp"

#include <fnmatch.h>

#include <sstream>
#include <stdexcept>

#include "harness/util/process.hpp"

namespace kbench {

std::vector<std::string> imported_symbols(const std::filesystem::path& so) {
  ProcessResult r = run_process({"nm", "-D", "--undefined-only", so.string()}, 30);
  if (r.timed_out || r.exit_code != 0) throw std::runtime_error("nm failed on " + so.string() + ": " + r.output);
  std::vector<std::string> out;
  std::istringstream in(r.output);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string kind, name;
    fields >> kind >> name;  // "U symbol" or "w symbol"
    if (name.empty()) continue;
    if (auto at = name.find('@'); at != std::string::npos) name.resize(at);
    out.push_back(name);
  }
  return out;
}

std::string first_forbidden_symbol(const std::vector<std::string>& imported, const std::vector<std::string>& patterns) {
  for (const auto& s : imported)
    for (const auto& p : patterns)
      if (fnmatch(p.c_str(), s.c_str(), 0) == 0) return s;
  return "";
}

const std::vector<std::string>& always_forbidden_symbols() {
  static const std::vector<std::string> patterns = {"dlopen", "dlmopen", "dlsym", "dlvsym", "fork", "vfork", "clone",
                                                    "clone3", "execv*", "execl*", "posix_spawn*", "system", "popen",
                                                    "ptrace", "kill", "setpgid", "setsid"};
  return patterns;
}

}  // namespace kbench

// Imported-symbol inspection for library policy checks.
#include "backends/symbol_policy.hpp"

#include <fnmatch.h>

#include <sstream>
#include <stdexcept>

#include "core/util/process.hpp"

namespace kbench {

std::vector<std::string> imported_symbols(const std::filesystem::path& so, bool sandboxed) {
  ProcessOptions options;
  if (sandboxed) {
    options.sandbox = SandboxSpec{};
    options.sandbox->read_only = {so};
  }
  ProcessResult r = run_process({"nm", "-D", "--undefined-only", so.string()}, 30, options);
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
  // A friendly early refusal only: the worker's system call filter is what enforces (a candidate can
  // make any system call without importing a symbol).
  static const std::vector<std::string> patterns = {
      "dlopen", "dlmopen", "dlsym", "dlvsym",                                            // loading code
      "fork", "vfork", "__fork", "_Fork", "__libc_fork", "clone", "clone3", "__clone*",  // new processes
      "daemon", "forkpty", "posix_spawn*", "system", "popen", "wordexp",
      "execv*", "execl*", "fexecve",                                                     // running programs
      "ptrace", "process_vm_*", "kill", "killpg", "tgkill", "tkill", "sigqueue",         // other processes
      "pidfd_*", "setpgid", "setsid", "unshare", "setns", "mount", "umount*", "chroot"};
  // Not `syscall`: libstdc++'s own headers call syscall(SYS_futex) for std::atomic::wait, std::barrier and
  // std::latch. Raw system calls are the filter's to refuse.
  return patterns;
}

std::string library_policy_violation(const std::filesystem::path& artifact, bool allow_libraries,
                                     const std::vector<std::string>& vendor_patterns, bool sandboxed) {
  std::vector<std::string> patterns = always_forbidden_symbols();
  if (!allow_libraries) patterns.insert(patterns.end(), vendor_patterns.begin(), vendor_patterns.end());
  const std::string bad = first_forbidden_symbol(imported_symbols(artifact, sandboxed), patterns);
  if (bad.empty()) return "";
  return "the compiled candidate imports '" + bad + "', which this task's policy forbids" +
         (allow_libraries ? "" : " (no vendor libraries: write your own kernels)");
}

std::string prototype_hint(const std::string& log, const std::string& signature) {
  if (log.find("solve") == std::string::npos) return "";
  for (const char* what : {"conflicting declaration of C function", "conflicting types for 'solve'",
                           "more than one instance of overloaded function \"solve\" has \"C\" linkage"})
    if (log.find(what) != std::string::npos)
      return "\nkbench: solve() does not have the task's prototype; it must be exactly:\n  " + signature + ";\n";
  return "";
}

std::string clean_compiler_log(std::string log, const std::filesystem::path& scratch, const std::string& scratch_name,
                               const std::string& shown_name) {
  const std::string candidate_path = (scratch / scratch_name).string();
  for (std::size_t at; (at = log.find(candidate_path)) != std::string::npos;)
    log.replace(at, candidate_path.size(), shown_name.empty() ? scratch_name : shown_name);
  const std::string dir = scratch.string() + "/";
  for (std::size_t at; (at = log.find(dir)) != std::string::npos;) log.erase(at, dir.size());
  return log;
}

}  // namespace kbench

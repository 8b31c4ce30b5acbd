// sandbox_availability: find bubblewrap, start `true` inside an empty sandbox, keep the answer.
#include "core/sandbox/sandbox_availability.hpp"

#include <unistd.h>

#include <cstdlib>
#include <mutex>

#include "core/sandbox/bwrap_command.hpp"
#include "core/util/paths.hpp"
#include "core/util/process.hpp"

namespace kbench {
namespace fs = std::filesystem;

namespace {

const char* const kFix =
    "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap, or set KBENCH_BWRAP to a bwrap "
    "executable) and allow user namespaces (sysctl user.max_user_namespaces > 0; on Ubuntu 24.04 also "
    "kernel.apparmor_restrict_unprivileged_userns=0 or an AppArmor profile for bwrap); or pass --unsandboxed "
    "(KBENCH_ALLOW_UNSANDBOXED=1) to run candidates without it, on a machine you do not mind them reaching";

fs::path find_bwrap() {
  if (const char* env = std::getenv("KBENCH_BWRAP"); env && *env) return env;
  std::error_code ec;
  if (const fs::path beside = executable_dir() / "bwrap"; fs::is_regular_file(beside, ec)) return beside;
  const char* path = std::getenv("PATH");
  std::string list = path ? path : "/usr/bin:/bin";
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t end = std::min(list.find(':', start), list.size());
    const fs::path candidate = fs::path(list.substr(start, end - start)) / "bwrap";
    if (start != end && access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

}  // namespace

SandboxAvailability probe_sandbox(const fs::path& bwrap) {
  SandboxAvailability a;
  a.bwrap = bwrap;
  if (bwrap.empty()) {
    a.why_not = std::string("bubblewrap (bwrap) was not found; ") + kFix;
    return a;
  }
  try {
    const ProcessResult r = run_process(bwrap_command(bwrap, SandboxSpec{}, {"true"}), 20);
    if (r.exit_code == 0) {
      a.available = true;
      return a;
    }
    std::string out = r.output.substr(0, 400);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    a.why_not = "bubblewrap (" + bwrap.string() + ") cannot start the sandbox" +
                (r.timed_out ? std::string(" (it did not finish in 20 s)") : ": " + out) + "; " + kFix;
  } catch (const std::exception& e) {
    a.why_not = "bubblewrap (" + bwrap.string() + ") cannot run: " + e.what() + "; " + kFix;
  }
  return a;
}

const SandboxAvailability& sandbox_availability() {
  static const SandboxAvailability answer = probe_sandbox(find_bwrap());
  return answer;
}

}  // namespace kbench

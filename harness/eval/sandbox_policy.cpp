// require_candidate_sandbox, sandbox_trusted_compiles, candidate_worker_launch.
#include "harness/eval/sandbox_policy.hpp"

#include <cstdlib>
#include <sstream>

#include "core/sandbox/sandbox_availability.hpp"
#include "core/util/harness_error.hpp"

namespace kbench {

bool require_candidate_sandbox(const EvalOptions& options) {
  if (options.unsandboxed) return false;
  const SandboxAvailability& a = sandbox_availability();
  if (!a.available) throw HarnessError("kbench will not run untrusted candidates without its sandbox: " + a.why_not);
  return true;
}

bool sandbox_trusted_compiles(const EvalOptions& options) {
  return !options.unsandboxed && sandbox_availability().available;
}

WorkerLaunch candidate_worker_launch(const Backend& backend, bool sandboxed) {
  WorkerLaunch launch;
  launch.untrusted = true;
  launch.freeze_between_requests = true;  // stopped whenever it is not serving a request
  launch.limits.file_size_bytes = 64ull << 20;
  launch.limits.open_files = 4096;
  launch.limits.address_space_bytes = backend.candidate_address_space_limit();
  if (!sandboxed) {
    launch.drop_root = backend.unprivileged_candidates();
    return launch;
  }
  SandboxSpec spec;
  spec.devices = backend.sandbox_devices();
  spec.bind_sys = true;
  spec.only_process = true;
  if (const char* libs = std::getenv("LD_LIBRARY_PATH"); libs && *libs) {
    std::stringstream list(libs);
    for (std::string dir; std::getline(list, dir, ':');)
      if (!dir.empty()) spec.read_only.push_back(dir);
  }
  launch.sandbox = spec;
  return launch;
}

}  // namespace kbench

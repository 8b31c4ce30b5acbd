// Whether this machine can start kbench's sandbox, found out once per process: bubblewrap is looked up
// (KBENCH_BWRAP, then a `bwrap` beside kbench's executables, then PATH) and asked to start an empty
// sandbox. When it cannot, `why_not` says what failed and how to fix it.
#pragma once
#include <filesystem>
#include <string>

namespace kbench {

struct SandboxAvailability {
  bool available = false;
  std::filesystem::path bwrap;  // the bubblewrap executable (when found)
  std::string why_not;          // what failed and what to do about it (when not available)
};

// Probed once (thread-safe); later calls return the same answer.
const SandboxAvailability& sandbox_availability();

// Probes `bwrap` now (tests use it to check a missing or broken bubblewrap is described).
SandboxAvailability probe_sandbox(const std::filesystem::path& bwrap);

}  // namespace kbench

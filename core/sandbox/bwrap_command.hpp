// The bubblewrap command line that runs a program inside a SandboxSpec: new user, pid, ipc, net, uts and
// cgroup namespaces, uid and gid 65534 inside with no capabilities, a fresh session, death with its
// parent, a private /tmp, /dev and /proc, and only the spec's folders bound.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/sandbox/sandbox_spec.hpp"

namespace kbench {

// `bwrap <options> -- argv...`; `bwrap` is the executable to run (sandbox_availability's).
std::vector<std::string> bwrap_command(const std::filesystem::path& bwrap, const SandboxSpec& spec,
                                       const std::vector<std::string>& argv);

}  // namespace kbench

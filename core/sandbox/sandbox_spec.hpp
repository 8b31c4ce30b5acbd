// What a sandboxed process may see and use: the folders bound into its private mount namespace, the
// device nodes it may open, and the resource limits it starts under. Plain data; bwrap_command turns a
// spec into a bubblewrap command line and resource_limits applies the limits.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace kbench {

// setrlimit limits for one process tree (core dumps are always off). Unset: inherited.
struct ResourceLimits {
  std::optional<std::uint64_t> address_space_bytes;  // RLIMIT_AS
  std::optional<std::uint64_t> file_size_bytes;      // RLIMIT_FSIZE: the largest file it may write
  std::optional<std::uint64_t> open_files;           // RLIMIT_NOFILE
  std::optional<std::uint64_t> cpu_seconds;          // RLIMIT_CPU
};

struct SandboxSpec {
  // Bound read-only at the same path (the system folders /usr, /lib*, /bin, /sbin and the dynamic
  // loader's configuration are always bound). Paths that do not exist are skipped.
  std::vector<std::filesystem::path> read_only;
  // Bound writable at the same path (a compiler's scratch folder).
  std::vector<std::filesystem::path> read_write;
  // Device nodes bound as they are (/dev/nvidia0, /dev/kfd, ...); /dev itself is a fresh minimal one.
  std::vector<std::filesystem::path> devices;
  bool bind_sys = false;                  // /sys read-only (GPU drivers read the PCI topology there)
  std::filesystem::path cwd;              // working directory inside (default /tmp)
  // The program is the pid namespace's only process (no bubblewrap init beside it, whose memory a
  // same-uid program could write): for a worker, which may not create processes anyway.
  bool only_process = false;
  std::uint64_t tmp_bytes = 512ull << 20;  // size of the private /tmp
};

}  // namespace kbench

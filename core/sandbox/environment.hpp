// The fixed environment every compiler and worker process starts with: whatever kbench itself was given
// (API keys, tokens, the user's settings) never reaches a process that compiles or runs candidate code.
#pragma once
#include <string>
#include <vector>

namespace kbench {

// "NAME=value" entries: PATH (kbench's own, or the system default), HOME and TMPDIR set to /tmp,
// LANG=C, and only these when set: LD_LIBRARY_PATH, the device selection variables
// (CUDA_VISIBLE_DEVICES, CUDA_DEVICE_ORDER, HIP_VISIBLE_DEVICES, ROCR_VISIBLE_DEVICES), OpenMP's thread
// settings (OMP_NUM_THREADS, OMP_PROC_BIND, OMP_PLACES) and kbench's worker switches (KBENCH_TRACE,
// KBENCH_ALLOW_PTRACE, KBENCH_REQUIRE_ISOLATION).
std::vector<std::string> minimal_environment();

// The same as a null-terminated array for execve; the pointers live as long as `entries`.
std::vector<char*> environment_pointers(std::vector<std::string>& entries);

}  // namespace kbench

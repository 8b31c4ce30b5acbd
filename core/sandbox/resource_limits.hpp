// Applying ResourceLimits in a freshly forked child, before it executes the limited program.
#pragma once
#include "core/sandbox/sandbox_spec.hpp"

namespace kbench {

// Async-signal-safe (only setrlimit): call between fork and exec. Core dumps are always disabled.
// Returns false when the kernel refused a limit (the child should then not run the program).
bool apply_resource_limits(const ResourceLimits& limits) noexcept;

// The limits for compilers: address space KBENCH_COMPILER_MEMORY_MB (default 8192 MiB), files up to
// 512 MiB, 1024 open files. Read from the environment on each call; throws std::runtime_error when
// the variable is not a positive number.
ResourceLimits compiler_limits();

}  // namespace kbench

// Same-user isolation of kbench's own processes. A candidate runs as the same user as kbench, and a
// same-user process may read another's memory (/proc/<pid>/mem) and open its descriptors
// (/proc/<pid>/fd/<n>) unless the kernel's Yama module forbids it (not enabled on Debian's default
// kernels). Marking a process non-dumpable makes those entries root-only: the parent (which holds the
// float64 expected outputs) and every worker (the trusted reference worker's arenas) protect themselves
// before any untrusted code runs. Also disables core dumps of the process.
#pragma once

namespace kbench {

// Non-dumpability means nothing against root, and kbench often runs as root (containers, CI, the device
// machines). A worker that runs untrusted code as root first becomes an unprivileged user
// (drop_root_privileges), so that it cannot read root's processes at all.

// Idempotent; throws std::runtime_error if the kernel refuses. KBENCH_ALLOW_PTRACE=1 skips it (to attach
// a debugger to kbench), and says so on stderr once.
void protect_from_same_user_processes();

// Only when running as root: no supplementary groups, gid and uid 65534 ("nobody"), non-dumpable again,
// the parent-death signal re-armed (a credential change clears it). Throws std::runtime_error naming the
// call that failed; a worker must then refuse to run candidates.
void drop_root_privileges(int parent_death_signal);

}  // namespace kbench

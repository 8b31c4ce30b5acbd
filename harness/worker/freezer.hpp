// ProcessFreezer (parent side): stops a candidate's worker process, every thread of it, and resumes it.
// "Done" means done: when a worker replies, the parent freezes it before it reads a byte of output, and
// writes the next inputs while it is still frozen, so work the candidate left running (a thread, a
// callback) neither finishes after the clock stopped nor starts before it started.
// Signals to one process, not a cgroup: a candidate's worker cannot create processes (its system call
// filter refuses fork, vfork and clone without CLONE_THREAD), so the process is all there is to stop.
// SIGSTOP is delivered even to pid 1 of the sandbox's pid namespace when it comes from outside, and
// cannot be caught, blocked or ignored. The target is held by a pidfd: a recycled pid is never signalled.
#pragma once
#include <sys/types.h>

#include <string>

namespace kbench {

class ProcessFreezer {
 public:
  ProcessFreezer() = default;
  // Freezes and thaws `pid` (the worker itself, in the parent's pid namespace). Throws std::runtime_error
  // when it cannot be held (it has already ended).
  explicit ProcessFreezer(pid_t pid);
  ProcessFreezer(ProcessFreezer&& other) noexcept;
  ProcessFreezer& operator=(ProcessFreezer&& other) noexcept;
  ProcessFreezer(const ProcessFreezer&) = delete;
  ProcessFreezer& operator=(const ProcessFreezer&) = delete;
  ~ProcessFreezer();

  bool holds() const { return pidfd_ >= 0; }
  pid_t pid() const { return pid_; }
  // Stops every thread and waits (at most `timeout_s`) until the kernel shows each one stopped. Returns ""
  // when it is, else why not (the process ended, or a thread did not stop in time).
  std::string freeze(double timeout_s = 5.0);
  // Resumes it (a no-op when it has ended).
  void thaw();
  bool frozen() const { return frozen_; }

 private:
  int pidfd_ = -1;
  pid_t pid_ = -1;
  bool frozen_ = false;
};

// The one child of `parent` (bubblewrap's child: the worker inside the sandbox), or -1 when it has none yet
// or more than one.
pid_t only_child_of(pid_t parent);

// Whether every thread of `pid` is stopped (state T or t), read from /proc/<pid>/task/*/stat. False when
// the process is gone or cannot be read.
bool all_threads_stopped(pid_t pid);

}  // namespace kbench

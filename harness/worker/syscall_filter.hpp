// The system call filter (libseccomp) a candidate's worker installs on all its threads before it loads
// candidate code. What the filter refuses would let a candidate leave its worker: creating processes,
// running programs, reaching other processes (ptrace, their memory, signals to them), mounts and
// namespaces, network sockets, and kernel interfaces a kernel benchmark has no use for (bpf, perf events,
// io_uring, keyrings, modules). Threads, memory, files the worker was given and the GPU drivers' ioctls
// stay allowed. The first refused call ends the worker: it first sends the parent an error reply naming
// the call and why ("the sandbox refused system call fork: process creation is not allowed"), and writes
// the same line to its log.
#pragma once

namespace kbench {

// Throws std::runtime_error when the kernel refuses the filter (the worker must then not run candidates).
// `reply_fd`: the protocol's reply channel.
void install_candidate_syscall_filter(int reply_fd);

}  // namespace kbench

// Where candidates run: inside the sandbox (core/sandbox) unless the user chose --unsandboxed. A
// candidate's compiler and worker are sandboxed; reference kernels and vendor baselines (kbench's own
// code) compile in the sandbox when it can start and run in a trusted worker outside it.
#pragma once
#include "backends/backend.hpp"
#include "harness/eval/evaluator.hpp"
#include "harness/worker/supervisor.hpp"

namespace kbench {

// True when candidates are judged in the sandbox. With options.unsandboxed false and no sandbox on
// this machine, throws HarnessError saying why and how to fix it (or to pass --unsandboxed).
bool require_candidate_sandbox(const EvalOptions& options);

// Whether kbench's own kernels compile in the sandbox (when it can start; never required).
bool sandbox_trusted_compiles(const EvalOptions& options);

// How a candidate's worker starts: the system call filter always; in the sandbox, the backend's device
// nodes, /sys, the library path; outside it, as root, an unprivileged user where the backend allows.
// Limits either way: its log and files up to 64 MiB, 4096 descriptors, the backend's address space.
WorkerLaunch candidate_worker_launch(const Backend& backend, bool sandboxed);

}  // namespace kbench

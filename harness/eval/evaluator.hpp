// Evaluator: the compile → verify → time path for one candidate on one task and backend.
// Never throws for anything the candidate does: every outcome is a Verdict. Throws HarnessError
// only for problems of kbench itself (missing reference, unreadable task files, worker binary absent).
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "backends/backend.hpp"
#include "backends/runtime.hpp"
#include "core/util/harness_error.hpp"
#include "core/spec/task_spec.hpp"
#include "core/verdict/verdict.hpp"

namespace kbench {

struct EvalOptions {
  int trials = 3;                       // seeds per check shape
  std::optional<std::uint64_t> seed;    // base seed; random (and recorded) when absent
  double compile_timeout_s = 120;
  double run_timeout_s = 60;            // per worker request (one call, or one timing request)
  bool time = true;                     // time at bench shapes when correct
  int input_sets = 4;                   // input sets rotated through while timing
  TimingPolicy timing;
  std::filesystem::path cache_dir;      // compiled artifacts, keyed by source hash + compiler identity
  std::filesystem::path reference_root; // reference_kernels/
  bool time_vendor = true;              // also time the task's vendor baseline when it has one
};

// Options with defaults filled in from the environment and the kbench root.
EvalOptions default_eval_options();

// Full evaluation. `reference_override`: evaluate with this compiled reference (used by baseline/selftest).
Verdict evaluate_candidate(const TaskSpec& task, Backend& backend, const Candidate& candidate,
                           const EvalOptions& options);

// Compiles `candidate` exactly as evaluate_candidate will (same request, same compile-cache entry), so
// that a later evaluation of it starts with a cache hit. Used to compile ahead of the device.
CompiledCandidate precompile_candidate(const TaskSpec& task, Backend& backend, const Candidate& candidate,
                                       const EvalOptions& options);

// Times the task's reference kernel alone (kbench baseline): correct verdict with reference timings.
Verdict evaluate_reference(const TaskSpec& task, Backend& backend, const EvalOptions& options);

// Reads a reference kernel's source for `backend` (throws HarnessError naming the path when absent).
std::string reference_source(const TaskSpec& task, const std::string& backend, const EvalOptions& options);

}  // namespace kbench

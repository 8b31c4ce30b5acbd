// Evaluator: judges candidates on one backend (compile → verify → time → Verdict). It owns what
// evaluations share: the pool of trusted baseline workers and the reference timings, so a batch or an
// LLM run starts its reference worker and times each reference once. Every verdict it returns has the
// environment's secrets redacted (verdict_text.hpp), its text valid UTF-8. Never throws for anything a candidate does: every
// outcome is a Verdict. Throws HarnessError only for problems of kbench itself (missing reference,
// unreadable task files, worker binary absent, a cache folder another user owns).
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "backends/backend.hpp"
#include "core/candidate/candidate.hpp"
#include "core/spec/task_spec.hpp"
#include "core/timing/timing_policy.hpp"
#include "core/util/harness_error.hpp"
#include "core/verdict/verdict.hpp"

namespace kbench {

class BaselinePool;
class ReferenceTimings;

// What evaluations share: the pool of trusted baseline workers and the reference timings. Every Evaluator
// has its own unless it is given one; a server slot keeps one across its requests, so a warm request
// neither starts and loads a reference worker nor times the reference again (within its max age).
struct SharedBaselines;
std::shared_ptr<SharedBaselines> make_shared_baselines();

struct EvalOptions {
  int trials = 3;                       // seeds per check shape
  std::optional<std::uint64_t> seed;    // base seed; random (and recorded) when absent
  double compile_timeout_s = 120;
  double run_timeout_s = 60;            // per worker request (one call, or one timing request): the ceiling;
                                        // a call at a check or bench shape gets less (call_limit_s)
  double eval_budget_s = 300;           // the whole evaluation of one candidate once compiled (load, verify, time)
  bool time = true;                     // time at bench shapes when correct
  int input_sets = 4;                   // input sets rotated through while timing
  TimingPolicy timing;
  std::filesystem::path cache_dir;      // compiled artifacts, keyed by source hash + compiler identity;
                                        // empty: cache_root(). The Evaluator makes it private
                                        // (ensure_private_dir) or throws HarnessError
  std::filesystem::path reference_root; // reference_kernels/
  bool time_vendor = true;              // also time the task's vendor baseline when it has one
  // Run candidates outside the sandbox (--unsandboxed, KBENCH_ALLOW_UNSANDBOXED=1): for machines where
  // it cannot start; every verdict records whether it was judged in the sandbox.
  bool unsandboxed = false;
  // Start the next candidate's worker while this one is verified (harness/eval/spare_worker.hpp), so the
  // next evaluation does not wait for a device runtime to start: for servers, batches and LLM runs, where
  // another evaluation follows.
  bool spare_worker = false;
};

// Options with defaults filled in from the environment and the kbench root (the cache folder is left
// empty: the Evaluator finds it, so that these never throw).
EvalOptions default_eval_options();

// Reads a reference kernel's source for `backend` (throws HarnessError naming the path when absent).
std::string reference_source(const TaskSpec& task, const std::string& backend, const EvalOptions& options);

class Evaluator {
 public:
  Evaluator(Backend& backend, EvalOptions options, std::shared_ptr<SharedBaselines> shared = nullptr);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;
  ~Evaluator();

  Backend& backend() const { return backend_; }
  const EvalOptions& options() const { return options_; }

  // Compiles a candidate (library policy enforced) through the compile cache. Thread-safe: batches
  // compile ahead of the device with it.
  CompiledCandidate compile(const TaskSpec& task, const Candidate& candidate) const;
  // Compiles, then judges. Where there is a device, the candidate's worker starts while it compiles.
  Verdict evaluate(const TaskSpec& task, const Candidate& candidate);
  // Judges a candidate compiled by compile(): the verdict's compile time is `built`'s own.
  Verdict evaluate_compiled(const TaskSpec& task, const CompiledCandidate& built);
  // Times the task's reference kernel alone (kbench baseline): correct verdict with reference timings.
  Verdict evaluate_reference(const TaskSpec& task);

 private:
  Backend& backend_;
  EvalOptions options_;
  std::shared_ptr<SharedBaselines> shared_;
};

}  // namespace kbench

// Evaluation: one candidate judged on one task, as named stages (internal to the Evaluator):
//   prepare    seed, device, private work folder, the candidate's worker (started early: a device
//              runtime takes a while to come up, and overlaps the compiler)
//   compile    the candidate (or take one the caller compiled), the reference and vendor baselines,
//              the trusted baseline worker
//   load       the candidate into its worker (the first bench shape's inputs are prepared from here on,
//              beside the load and verify)
//   verify     every check shape x trials against the float64 oracle
//   time       each bench shape: reference, vendor, candidate; timed outputs re-checked
//   summarise  speedups and the verdict's remaining fields
#pragma once
#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <string>

#include "harness/eval/baseline_workers.hpp"
#include "harness/eval/bench_inputs.hpp"
#include "harness/eval/eval_session.hpp"
#include "harness/eval/spare_worker.hpp"

namespace kbench {

// The one way kbench compiles a source for a task: through the backend's compile cache under
// options.cache_dir, with or without the task's library policy (references and vendor baselines).
CompiledCandidate compile_source(const TaskSpec& task, Backend& backend, const EvalOptions& options,
                                 const Candidate& candidate, bool enforce_library_policy);

class Evaluation {
 public:
  // `spare`: where the candidate's worker is taken from when one was started ahead, and where the next
  // one is started (with options.spare_worker); `arenas`: where the reference's bench-shape arena is taken
  // from and given back; null: none.
  Evaluation(const TaskSpec& task, Backend& backend, const EvalOptions& options, BaselinePool& baselines,
             ReferenceTimings& reference_timings, bool is_reference, SpareCandidateWorker* spare = nullptr,
             ReferenceArenas* arenas = nullptr);
  Evaluation(const Evaluation&) = delete;
  Evaluation& operator=(const Evaluation&) = delete;
  ~Evaluation();

  // Every stage, from the compile of `candidate` on.
  Verdict run(const Candidate& candidate);
  // Every stage after the compile, for a candidate compiled before (the verdict keeps its compile time).
  Verdict run_compiled(const CompiledCandidate& built);

 private:
  using Clock = std::chrono::steady_clock;

  void prepare();
  StageResult accept_build(const CompiledCandidate& built);
  void compile_baselines();
  void time_baselines_first();
  StageResult load();
  StageResult verify();
  StageResult time();
  Verdict summarise();
  Verdict judge(const CompiledCandidate& built);
  BenchInputs prepare_bench_shape(std::size_t k);

  Session s_;
  BaselinePool& baselines_;
  const bool is_reference_;
  SpareCandidateWorker* spare_ = nullptr;
  ReferenceArenas* arenas_ = nullptr;  // set only where this evaluation may start the next one (spare_worker)
  void start_spare();
  CompiledCandidate candidate_, reference_;
  std::filesystem::path vendor_artifact_;
  std::string baseline_key_;
  bool baseline_loaded_ = false;  // the baseline worker has the reference (and vendor) kernels loaded
  std::atomic<bool> drop_preparation_{false};
  std::future<BenchInputs> first_bench_;
  std::unique_ptr<BenchInputs> prepared_first_bench_;  // prepared before the load, to time the baselines clean
  CompareResult worst_;
};

}  // namespace kbench

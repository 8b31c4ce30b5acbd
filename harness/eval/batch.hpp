// Batch evaluation: many candidates judged one at a time and in order, while a pool of threads compiles
// the ones after them into the compile cache. On GPU backends the compiles overlap the device's verify and
// time stages; where timing runs on the host's own cores (the CPU backend) every compile finishes before
// the first evaluation starts, so no compiler shares the cores with a timed call.
#pragma once
#include <cstddef>
#include <functional>
#include <vector>

#include "harness/eval/evaluator.hpp"

namespace kbench {

struct BatchItem {
  const TaskSpec* task = nullptr;
  Candidate candidate;
};

struct BatchOptions {
  unsigned compile_jobs = 0;   // compiler processes at once; 0: one per hardware thread
  std::size_t lookahead = 0;   // while candidate i is judged, candidates up to i + lookahead may compile;
                               // 0: 4 per compile job
};

struct BatchStats {
  double seconds = 0;               // whole batch, wall clock
  double compile_wait_seconds = 0;  // evaluation stalled waiting for a compile
  double compiles_done_at = 0;      // when the last compile finished, from the start
  unsigned compile_jobs = 0;
};

// Called on the calling thread, in input order, as each verdict is ready. `harness_error` is empty, or
// what compiling or judging this item threw (a fault of kbench or of the task, not of the candidate);
// the verdict is then empty. The sink may throw to stop the batch (the compiles are stopped first).
using VerdictSink = std::function<void(std::size_t index, const Verdict& verdict, const std::string& harness_error)>;

// Every item is compiled by evaluator.compile() and judged by evaluator.evaluate_compiled(), so each
// verdict's compile time is its own compiler's.
BatchStats evaluate_batch(Evaluator& evaluator, const std::vector<BatchItem>& items, const BatchOptions& batch,
                          const VerdictSink& on_verdict);

}  // namespace kbench

// Bench-shape inputs of one evaluation: generated, outputs poisoned, guards filled,
// and the expected outputs (float64 oracle, or, for shapes too big for it, the oracle-verified reference
// kernel run in the trusted baseline worker). None of this is timed, so the evaluator prepares the first
// bench shape while the candidate is still being verified.
// Two arenas with the same bytes: the reference kernel runs and is timed only in its own, never passed to
// the candidate's worker, so the reference's outputs for these inputs never sit in memory the candidate
// can read (a thread the candidate left running could otherwise copy them and replay them when timed).
// The reference's arena may come from the Evaluator's ReferenceArenas (kept from an earlier evaluation);
// the candidate's is always new.
#pragma once
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <map>
#include <string>
#include <vector>

#include "harness/eval/call_plan.hpp"
#include "harness/eval/reference_arenas.hpp"
#include "harness/worker/supervisor.hpp"

namespace kbench {

struct BenchInputs {
  CallPlan plan;
  Arena arena;            // the candidate's
  Arena reference_arena;  // the reference's (and the vendor baseline's): same layout, same inputs
  std::vector<ExpectedOutputs> expected;  // per input set, by output name
  std::string shape;                                                 // formatted, for messages
};

struct BenchInputsRequest {
  const TaskSpec* task = nullptr;
  ShapeSet shape;
  int sets = 1;                            // input sets rotated through while timing
  std::uint64_t seed = 0;                  // this shape's seed (derived from the evaluation's)
  WorkerProcess* reference = nullptr;      // expected outputs from its "reference" slot; null: the oracle
  double run_timeout_s = 60;
  const std::atomic<bool>* cancel = nullptr;  // set: stop early (throws PreparationDropped)
  bool arenas_only = false;  // only the plan and the two arenas: timed rounds write their own inputs
  int witnesses_per_set = 0; // the candidate's arena holds this many witnesses per set (poisoned, guarded)
  ReferenceArenas* arenas = nullptr;  // where the reference's arena is taken from (null: a new one)
};

struct PreparationDropped : std::runtime_error {
  PreparationDropped() : std::runtime_error("bench input preparation dropped") {}
};

// Throws HarnessError (core/util/harness_error.hpp) when the reference kernel fails: kbench's fault, not
// the candidate's.
BenchInputs prepare_bench_inputs(const BenchInputsRequest& request);

}  // namespace kbench

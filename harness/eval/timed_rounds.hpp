// Timed rounds (parent-driven measurement, for backends that time on the host's cores): the parent owns
// the clock, the inputs and the checks; the candidate's worker only runs calls.
// One round, for one bench shape with S input sets, the candidate's worker frozen throughout except (4):
//   1. fresh inputs for every set (a seed per round), outputs poisoned, guards filled: by the parent;
//   2. the reference runs the S calls in the trusted worker, on its own arena: its outputs are the
//      expected ones for this round, and its time is a clean sample (no candidate thread can run);
//   3. the vendor baseline, when the task has one, the same way;
//   4. the candidate's worker is resumed and runs the S calls on a copy of the same inputs, back to back,
//      bracketed by the parent's clock (resume -> reply), and stopped again before anything is read;
//   5. every call's outputs, guards and inputs are checked.
// Warm-up rounds are the same rounds (checked too); their samples are dropped. A sample is one round's
// bracket minus the request's fixed cost (the least seen in the trusted worker, whose own per-call clock
// can be believed), divided by S, the same estimator for every side. The candidate's own clock is read
// only to say, in the timing notes, when it disagrees with the parent's.
#pragma once
#include <filesystem>

#include "harness/eval/bench_inputs.hpp"
#include "harness/eval/eval_session.hpp"

namespace kbench {

// `shape_index` picks this shape's seeds. Fills `st` (timings, speedups, roofline figures) or returns
// the verdict that ends the evaluation (a wrong output in any round, a worker that died or lied).
StageResult time_in_rounds(Session& s, BenchInputs& b, std::size_t shape_index, bool with_vendor, ShapeTiming& st,
                           CompareResult& worst);

}  // namespace kbench

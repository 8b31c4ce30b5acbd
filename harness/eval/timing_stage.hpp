// The evaluator's timing stage: one bench shape's reference, vendor and candidate timings, with the
// timed outputs checked against the expected ones. Reference timings are kept by the Evaluator.
#pragma once
#include <cstddef>
#include <filesystem>

#include "harness/eval/bench_inputs.hpp"
#include "harness/eval/eval_session.hpp"

namespace kbench {

// Input sets rotated through while timing a shape whose one set is `set_bytes`: as many as fit a budget
// (so repeated calls do not measure a warm cache), at least 1, at most options.input_sets.
int input_sets_for(const EvalOptions& opt, std::size_t set_bytes);

// Witnesses per input set when the worker times its own calls: outputs of timed calls kept at random
// after they returned, checked like the last call's. A candidate computing on a fraction f of its timed
// calls passes all of them with probability about f^4 per set.
constexpr int kWitnessesPerSet = 4;

// Times the reference (and vendor baseline) in its private arena and the candidate in its own, checks
// the candidate's timed outputs, and fills `st` (timings, speedups, roofline figures).
StageResult time_shape(Session& s, BenchInputs& b, const std::filesystem::path& reference_artifact,
                       const std::filesystem::path& vendor_artifact, ShapeTiming& st, CompareResult& worst);

// Times the reference and the vendor baseline (when there is one) at this shape in the trusted worker,
// unless the Evaluator already has their timings. The evaluator calls it before the candidate is loaded:
// no candidate code has run in this evaluation, and earlier candidates' workers are gone, so these are
// clean measurements that may serve every candidate of the Evaluator.
void time_baselines(Session& s, BenchInputs& b, const std::filesystem::path& reference_artifact,
                    const std::filesystem::path& vendor_artifact);
// Whether the Evaluator already has both timings for this shape and number of input sets.
bool baselines_timed(const Session& s, const ShapeSet& shape, int sets, const std::filesystem::path& reference_artifact,
                     const std::filesystem::path& vendor_artifact);

// The figures every timed shape gets from its timings: speedups over the reference and the vendor
// baseline, the task's flop and byte counts, achieved rates and fractions of the device's ceilings.
void finish_shape_timing(const Session& s, const CallPlan& plan, ShapeTiming& st);

}  // namespace kbench

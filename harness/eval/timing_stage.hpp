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

// Times the reference (and vendor baseline) in its private arena and the candidate in its own, checks
// the candidate's timed outputs, and fills `st` (timings, speedups, roofline figures).
StageResult time_shape(Session& s, BenchInputs& b, const std::filesystem::path& reference_artifact,
                       const std::filesystem::path& vendor_artifact, ShapeTiming& st, CompareResult& worst);

}  // namespace kbench

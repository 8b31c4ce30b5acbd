// SlotEvaluator: how one evaluation slot judges a request, through the same path as `kbench eval`: a
// fresh Evaluator on the slot's own backend object with the server's options and the request's (time,
// trials, seed, timing policy), sharing the slot's trusted baseline workers and reference timings
// across requests (SharedBaselines: a reference is loaded once and timed once per max age, always before
// the candidate of the request that times it is loaded), Evaluator::evaluate (compile, verify, time; every sandbox and measurement guarantee is
// the Evaluator's), the verdict stored (VerdictRecorder) before it is answered. It holds the HostGate for
// the whole evaluation: exclusively when the evaluation is timed, so no other evaluation's compiler or
// candidate shares the machine with a timed call.
#pragma once
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "backends/backend.hpp"
#include "harness/eval/evaluator.hpp"
#include "harness/serve/evaluation_request.hpp"
#include "harness/serve/host_gate.hpp"
#include "harness/serve/verdict_recorder.hpp"

namespace kbench::serve {

class SlotEvaluator {
 public:
  SlotEvaluator(const std::string& backend, const EvalOptions& defaults, HostGate& gate, VerdictRecorder& recorder);

  // The verdict JSON of `kbench eval --json` for this candidate, plus "id" (the job's), "label" and
  // "attempt_id" (when stored; "store_error" when the database and its journal both refused it).
  // Throws HarnessError (and what else kbench itself may throw) for faults that are not the candidate's.
  nlohmann::json operator()(const std::string& job_id, const EvaluationRequest& request);

  // The options one request is judged with.
  static EvalOptions options_for(const EvalOptions& defaults, const EvaluationRequest& request);

 private:
  std::unique_ptr<Backend> backend_;
  std::shared_ptr<SharedBaselines> baselines_ = make_shared_baselines();
  const EvalOptions& defaults_;
  HostGate& gate_;
  VerdictRecorder& recorder_;
};

}  // namespace kbench::serve

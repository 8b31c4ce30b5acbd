// SlotEvaluator: see slot_evaluator.hpp.
#include "harness/serve/slot_evaluator.hpp"

#include <fmt/format.h>

#include "core/timing/named_timing_policies.hpp"
#include "harness/eval/verdict_json.hpp"

namespace kbench::serve {

SlotEvaluator::SlotEvaluator(const std::string& backend, const EvalOptions& defaults, HostGate& gate,
                             VerdictRecorder& recorder)
    : backend_(make_backend(backend)), defaults_(defaults), gate_(gate), recorder_(recorder) {}

EvalOptions SlotEvaluator::options_for(const EvalOptions& defaults, const EvaluationRequest& request) {
  EvalOptions o = defaults;
  o.spare_worker = true;  // the slot's next request finds its candidate's worker started
  if (request.time) o.time = *request.time;
  if (request.trials) o.trials = *request.trials;
  if (request.seed) o.seed = *request.seed;
  // The server's own policy as the server runs it (with its --max-time-ms, --target-rse); another one with
  // its stated parameters.
  if (request.timing && *request.timing != defaults.timing.name) {
    const auto policy = timing_policy_named(*request.timing);
    if (!policy) throw HarnessError("no timing policy '" + *request.timing + "'");  // parse_evaluation_request refuses it first
    o.timing = *policy;
  }
  return o;
}

nlohmann::json SlotEvaluator::operator()(const std::string& job_id, const EvaluationRequest& request) {
  const EvalOptions options = options_for(defaults_, request);
  Verdict verdict;
  {
    HostGate::Hold hold(gate_, options.time);
    Evaluator evaluator(*backend_, options, baselines_);
    verdict = evaluator.evaluate(*request.task, request.candidate);
  }
  nlohmann::json j = candidate_verdict_json(verdict, request.task->id, request.backend, request.candidate);
  j["id"] = job_id;
  j["label"] = recorder_.run_label(request.label);
  try {
    if (auto attempt = recorder_.record(request.label, request.task->id, request.backend, request.candidate, verdict))
      j["attempt_id"] = *attempt;
  } catch (const std::exception& e) {
    // Answered anyway: the verdict is the client's; the operator reads why it is not in the database.
    j["store_error"] = e.what();
    fmt::print(stderr, "kbench serve: the verdict of {} was not stored: {}\n", job_id, e.what());
  }
  return j;
}

}  // namespace kbench::serve

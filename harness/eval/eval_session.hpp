// Internal to the evaluator: what one evaluation shares between its stages (Session), and the helpers
// every stage uses to talk to workers and to judge a call's outputs.
#pragma once
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/eval/call_plan.hpp"
#include "harness/eval/compare.hpp"
#include "harness/eval/evaluator.hpp"
#include "harness/eval/device_lock.hpp"
#include "harness/eval/reference_timings.hpp"
#include "harness/worker/supervisor.hpp"

namespace kbench {

// Outcome of one stage: empty when it went fine, else the verdict to return.
using StageResult = std::optional<Verdict>;

// Everything one evaluation shares between stages.
struct Session {
  const TaskSpec& task;
  Backend& backend;
  const EvalOptions& opt;
  ReferenceTimings& reference_timings;  // the Evaluator's
  Verdict v;
  std::optional<DeviceInfo> device;
  std::filesystem::path work_dir;
  std::unique_ptr<WorkerProcess> candidate_worker;
  std::unique_ptr<WorkerProcess> reference_worker;
  // The end of the evaluation's budget (EvalOptions::eval_budget_s), set when the candidate is loaded; no
  // request to the candidate's worker outlives it.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  // Held shared from the candidate's load until its worker is gone; exclusively while a baseline is timed
  // before that (device-timed backends with a device; inactive otherwise).
  DeviceLock device_lock;
  bool candidate_loaded = false;  // set before its load request: loading runs the candidate's code
};

// The time one request to the candidate may take, derived from what the same work took a trusted party
// (the float64 oracle, the reference kernel): kCallLimitFactor times that, at least kCallLimitFloor_s, at
// most --run-timeout. `basis` names the trusted work for the verdict ("the float64 oracle's 0.012 s").
inline constexpr double kCallLimitFactor = 50;
inline constexpr double kCallLimitFloor_s = 5;
struct CallLimit {
  double seconds;
  std::string why;  // how it was derived, stated in a timeout verdict
};
CallLimit call_limit(const EvalOptions& opt, double trusted_seconds, const std::string& basis);

// A request to a worker; turns the worker's death, a timeout or an error reply into a verdict. The reply
// (with the wall time the parent measured) goes to `reply_out` when given.
// Bounded by the session's deadline too: a request that would outlive it gets what is left, and the verdict
// says which limit it hit. `why` (how timeout_s was derived) is added to a timeout verdict.
StageResult ask(Session& s, WorkerProcess& w, const protocol::Request& req, double timeout_s, const std::string& what,
                WorkerReply* reply_out = nullptr, const std::string& why = "");

// The session's verdict so far, turned `incorrect` with `detail`.
Verdict incorrect(Session& s, const std::string& detail, const ErrorMetrics& m = {});

// After a call: guards intact, inputs untouched, outputs within tolerance (scaled) of `expected`.
StageResult check_call(Session& s, const CallPlan& plan, const Arena& arena, const CallLayout& layout,
                       const InputSnapshot& snap, const ExpectedOutputs& expected,
                       double tolerance_scale, const std::string& phase, CompareResult& worst);
// A witness of a timed call (plan.witnesses[w]): its guards intact and the output bytes it keeps
// (plan.witness_samples[w]: the whole output, or sampled rows) within tolerance (scaled) of the same
// elements of `expected`. Its inputs are its set's, checked with the set.
StageResult check_witness(Session& s, const CallPlan& plan, const Arena& arena, std::size_t w,
                          const ExpectedOutputs& expected, double tolerance_scale,
                          const std::string& phase, CompareResult& worst);
// Whether the bytes witness `w` keeps equal the same bytes of its set's outputs in `arena` (the checked
// last call of a deterministic kernel).
bool witness_equals_last_call(const CallPlan& plan, const Arena& arena, std::size_t w);
// The same, with the inputs compared against those in `pristine` (an arena of the same layout that the
// candidate never saw) instead of a snapshot.
StageResult check_call(Session& s, const CallPlan& plan, const Arena& arena, const CallLayout& layout,
                       const Arena& pristine, const ExpectedOutputs& expected,
                       double tolerance_scale, const std::string& phase, CompareResult& worst);

}  // namespace kbench

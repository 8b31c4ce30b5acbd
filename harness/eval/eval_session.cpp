// Session helpers shared by the evaluator's stages: worker requests and per-call checks.
#include "harness/eval/eval_session.hpp"

#include <fmt/format.h>

#include <cstring>

#include <algorithm>

namespace kbench {

using nlohmann::json;

CallLimit call_limit(const EvalOptions& opt, double trusted_seconds, const std::string& basis) {
  const double derived = std::max(kCallLimitFloor_s, kCallLimitFactor * trusted_seconds);
  if (derived >= opt.run_timeout_s)
    return {opt.run_timeout_s, fmt::format("the limit is --run-timeout, {:g} s", opt.run_timeout_s)};
  return {derived, fmt::format("the limit at this shape is {:g} x {} s, at least {:g} s, at most --run-timeout {:g} s",
                               kCallLimitFactor, basis, kCallLimitFloor_s, opt.run_timeout_s)};
}

StageResult ask(Session& s, WorkerProcess& w, const protocol::Request& req, double timeout_s, const std::string& what,
                WorkerReply* reply_out, const std::string& why) {
  bool budget_bound = false;
  if (s.deadline) {
    const double left = std::chrono::duration<double>(*s.deadline - std::chrono::steady_clock::now()).count();
    if (left < timeout_s) {
      timeout_s = std::max(left, 0.001);
      budget_bound = true;
    }
  }
  WorkerReply r = w.request(req, timeout_s);
  if (r.kind == WorkerReply::Kind::ok) {
    if (reply_out) *reply_out = r;
    if (r.fatal) {
      Verdict v = s.v;
      v.status = Status::runtime_error;
      v.detail = what + ": the device reported an unrecoverable error";
      v.run_log = trim_log(w.log_tail());
      return v;
    }
    return std::nullopt;
  }
  Verdict v = s.v;
  v.run_log = trim_log(w.log_tail());
  if (r.kind == WorkerReply::Kind::timeout) {
    v.status = Status::timeout;
    v.detail = fmt::format("{}: {}", what, r.detail);
    if (budget_bound)
      v.detail += fmt::format(" (the evaluation's budget of {:g} s, --eval-budget, is spent)", s.opt.eval_budget_s);
    else if (!why.empty())
      v.detail += " (" + why + ")";
  } else {
    v.status = Status::runtime_error;
    v.detail = fmt::format("{}: {}", what, r.detail);
  }
  return v;
}

Verdict incorrect(Session& s, const std::string& detail, const ErrorMetrics& m) {
  Verdict v = s.v;
  v.status = Status::incorrect;
  v.detail = detail;
  v.metrics = m;
  return v;
}

namespace {

// The checks after a call once the name of a modified input (or "") is known. With `sample` (a witness's),
// each output holds only the bytes its sample keeps, compared with the same elements of `expected`.
StageResult check_after_call(Session& s, const CallPlan& plan, const Arena& arena, const CallLayout& layout,
                             const std::string& modified, const ExpectedOutputs& expected,
                             double tolerance_scale, const std::string& phase, CompareResult& worst,
                             const std::vector<OutputSample>* sample = nullptr) {
  const std::string shape = format_shape(plan.shape);
  if (auto bad = damaged_guard(arena, layout); !bad.empty())
    return incorrect(s, fmt::format("wrote outside the bounds of '{}' (guard bytes around it were changed) at shape {}", bad, shape));
  if (!modified.empty())
    return incorrect(s, fmt::format("modified input '{}' (inputs must be left untouched) at shape {}", modified, shape));
  for (const auto& a : s.task.arguments) {
    if (a.role != ArgRole::output) continue;
    std::size_t at = layout.args.size();
    for (std::size_t i = 0; i < layout.args.size(); ++i)
      if (layout.args[i].name == a.name) at = i;
    const ArgSlot* slot = &layout.args.at(at);
    Tolerance tol = s.task.tolerance_for(a, plan.env);
    tol.atol *= tolerance_scale;
    tol.rtol *= tolerance_scale;
    tol.nrel *= tolerance_scale;
    tol.floor *= tolerance_scale;
    const ExpectedValues& all = expected.at(a.name);
    ExpectedValues kept;
    const OutputSample* o = sample ? &sample->at(at) : nullptr;
    if (o && !o->whole()) {
      const std::size_t elem = dtype_size(a.dtype);
      std::vector<std::pair<std::size_t, std::size_t>> rows;
      for (std::size_t r = 0; r < o->rows; ++r) rows.emplace_back((o->phase + r * o->stride) / elem, o->width / elem);
      kept = all.gather(rows);
    }
    CompareResult c = compare_output(a.name, a.dtype, arena.data() + slot->offset, kept.empty() ? all : kept, tol);
    if (!c.pass) {  // a verdict that passes names no failing shape
      c.metrics.failing_shape = shape;
      c.metrics.phase = phase;
    }
    merge_worst(worst, c);
    if (!c.pass) return incorrect(s, fmt::format("{} at shape {} ({} call)", c.reason, shape, phase), c.metrics);
  }
  return std::nullopt;
}

}  // namespace

StageResult check_call(Session& s, const CallPlan& plan, const Arena& arena, const CallLayout& layout,
                       const InputSnapshot& snap, const ExpectedOutputs& expected,
                       double tolerance_scale, const std::string& phase, CompareResult& worst) {
  return check_after_call(s, plan, arena, layout, modified_input(arena, layout, snap), expected, tolerance_scale, phase, worst);
}

StageResult check_call(Session& s, const CallPlan& plan, const Arena& arena, const CallLayout& layout,
                       const Arena& pristine, const ExpectedOutputs& expected,
                       double tolerance_scale, const std::string& phase, CompareResult& worst) {
  return check_after_call(s, plan, arena, layout, modified_input(arena, layout, pristine), expected, tolerance_scale, phase, worst);
}

StageResult check_witness(Session& s, const CallPlan& plan, const Arena& arena, std::size_t w,
                          const ExpectedOutputs& expected, double tolerance_scale,
                          const std::string& phase, CompareResult& worst) {
  const std::vector<OutputSample>* sample = w < plan.witness_samples.size() ? &plan.witness_samples[w] : nullptr;
  return check_after_call(s, plan, arena, plan.witnesses.at(w), "", expected, tolerance_scale, phase, worst, sample);
}

bool witness_equals_last_call(const CallPlan& plan, const Arena& arena, std::size_t w) {
  const std::size_t per_set = plan.witnesses.size() / plan.sets.size();
  const CallLayout& set = plan.sets.at(w / per_set);
  const CallLayout& witness = plan.witnesses.at(w);
  for (std::size_t i = 0; i < set.args.size() && i < witness.args.size(); ++i) {
    const ArgSlot& a = set.args[i];
    if (a.kind != ArgSlot::Kind::tensor || !a.is_output) continue;
    const OutputSample o = w < plan.witness_samples.size() ? plan.witness_samples[w].at(i) : OutputSample{};
    if (witness.args[i].bytes != o.kept_bytes(a.bytes)) return false;
    const std::size_t rows = o.whole() ? 1 : o.rows, width = o.whole() ? a.bytes : o.width;
    for (std::size_t r = 0; r < rows; ++r)
      if (std::memcmp(arena.data() + a.offset + o.phase + r * o.stride, arena.data() + witness.args[i].offset + r * width, width) != 0)
        return false;
  }
  return true;
}

}  // namespace kbench

// Timing stage of the evaluator. See timing_stage.hpp.
#include "harness/eval/timing_stage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/util/trace.hpp"

namespace kbench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

StageResult time_request(Session& s, WorkerProcess& w, const std::string& slot, const Arena& arena, const CallPlan& plan,
                         TimingSummary& out, const std::string& what, const std::vector<CallLayout>& witnesses = {},
                         nlohmann::json* witness_calls = nullptr) {
  WorkerReply reply;
  const double limit = s.opt.run_timeout_s + s.opt.timing.max_time_ms / 1000.0 * 2;
  if (auto bad = ask(s, w, protocol::TimeRequest{slot, protocol::arena_ref(arena), plan.sets, s.opt.timing, witnesses}, limit,
                     what, &reply))
    return bad;
  auto runtime_error = [&](const std::string& detail) {
    Verdict v = s.v;
    v.status = Status::runtime_error;
    v.detail = what + ": " + detail;
    v.run_log = trim_log(w.log_tail());
    return v;
  };
  protocol::TimeReply timed;
  try {
    timed = protocol::time_reply_from_wire(reply.body);
  } catch (const protocol::MalformedReply& e) {
    return runtime_error(std::string("the worker sent a malformed timing reply (") + e.what() + ")");
  }
  double sum_ms = 0;
  for (double x : timed.samples_ns) {
    if (!(x > 0) || !std::isfinite(x)) return runtime_error("the worker reported an invalid timing sample");
    sum_ms += x / 1e6;
  }
  // The samples' sum cannot exceed the wall time the parent measured for the whole request.
  if (timed.samples_ns.empty() || sum_ms > reply.wall_ms * 1.05 + 1.0)
    return runtime_error(fmt::format("timing samples ({:.1f} ms in all) are inconsistent with the request's wall time", sum_ms));
  if (witness_calls && !witnesses.empty()) {
    // A claim, reported only: what is checked is the witnesses' outputs in the arena, whatever it says.
    const std::size_t per_set = witnesses.size() / plan.sets.size();
    const json claimed = timed.notes.is_object() ? timed.notes.value("witness_calls", json()) : json();
    bool shaped = claimed.is_array() && claimed.size() == plan.sets.size();
    for (std::size_t k = 0; shaped && k < claimed.size(); ++k) {
      shaped = claimed[k].is_array() && claimed[k].size() == per_set;
      for (std::size_t i = 0; shaped && i < per_set; ++i) shaped = claimed[k][i].is_number_integer();
    }
    if (!shaped) return runtime_error("the worker's timing reply does not say which timed calls its witnesses hold");
    *witness_calls = claimed;
  }
  out = summarize_samples(std::move(timed.samples_ns), timed.method);
  return std::nullopt;
}

// Whether every output of `witness` holds the same bytes as in `set` (the same input set).
bool same_outputs(const Arena& arena, const CallLayout& set, const CallLayout& witness) {
  for (std::size_t i = 0; i < set.args.size() && i < witness.args.size(); ++i) {
    const ArgSlot& a = set.args[i];
    if (a.kind != ArgSlot::Kind::tensor || !a.is_output) continue;
    if (witness.args[i].bytes != a.bytes ||
        std::memcmp(arena.data() + a.offset, arena.data() + witness.args[i].offset, a.bytes) != 0)
      return false;
  }
  return true;
}

// Times `slot` in the reference worker (reference or vendor baseline), once per Evaluator.
TimingSummary time_baseline(Session& s, const std::string& slot, const fs::path& artifact, const Arena& arena,
                            const CallPlan& plan, const std::string& shape) {
  const ReferenceTimings::Key key{s.task.id, s.backend.name(), artifact.string(), shape, static_cast<int>(plan.sets.size())};
  if (auto known = s.reference_timings.find(key)) return *known;
  TimingSummary t;
  if (auto bad = time_request(s, *s.reference_worker, slot, arena, plan, t, "timing the " + slot + " at " + shape))
    throw HarnessError(s.task.id + ": timing the " + slot + " kernel failed: " + bad->detail);
  s.reference_timings.store(key, t);
  return t;
}

}  // namespace

void time_baselines(Session& s, BenchInputs& b, const fs::path& reference_artifact, const fs::path& vendor_artifact) {
  time_baseline(s, "reference", reference_artifact, b.reference_arena, b.plan, b.shape);
  if (!vendor_artifact.empty()) time_baseline(s, "vendor", vendor_artifact, b.reference_arena, b.plan, b.shape);
}

bool baselines_timed(const Session& s, const ShapeSet& shape, int sets, const fs::path& reference_artifact,
                     const fs::path& vendor_artifact) {
  const std::string name = format_shape(shape);
  auto known = [&](const fs::path& artifact) {
    return artifact.empty() || s.reference_timings.find({s.task.id, s.backend.name(), artifact.string(), name, sets}).has_value();
  };
  return known(reference_artifact) && known(vendor_artifact);
}

int input_sets_for(const EvalOptions& opt, std::size_t set_bytes) {
  // Rotate inputs only while they are small enough that repeated calls would measure a warm cache.
  const std::size_t budget = 256u << 20;
  const std::size_t fit = set_bytes ? budget / set_bytes : opt.input_sets;
  return static_cast<int>(std::clamp<std::size_t>(fit, 1, static_cast<std::size_t>(std::max(1, opt.input_sets))));
}

StageResult time_shape(Session& s, BenchInputs& b, const fs::path& reference_artifact, const fs::path& vendor_artifact,
                       ShapeTiming& st, CompareResult& worst) {
  const CallPlan& plan = b.plan;
  Arena& arena = b.arena;
  const int sets = static_cast<int>(plan.sets.size());
  const bool by_reference = s.backend.bench_check() == "reference";
  st.shape = b.shape;
  trace("time reference");
  st.reference = time_baseline(s, "reference", reference_artifact, b.reference_arena, plan, st.shape);
  if (!vendor_artifact.empty()) {
    st.vendor = time_baseline(s, "vendor", vendor_artifact, b.reference_arena, plan, st.shape);
  }
  trace("time candidate");
  json witness_calls;
  if (auto bad = time_request(s, *s.candidate_worker, "candidate", arena, plan, st.candidate, "timing solve at " + st.shape,
                              plan.witnesses, &witness_calls))
    return bad;
  trace("check timed outputs");
  // Outputs of the timed calls are checked too ("compute once, then return" fails here): each set's last
  // call, and the witnesses, calls kept at random after they returned ("compute on a few timed calls" fails).
  const double scale = by_reference ? 2.0 : 1.0;
  for (int k = 0; k < sets; ++k)
    if (auto bad = check_call(s, plan, arena, plan.sets[k], b.snapshots[static_cast<std::size_t>(k)], b.expected[static_cast<std::size_t>(k)],
                              scale, "timed", worst))
      return bad;
  const std::size_t per_set = plan.witnesses.size() / plan.sets.size();
  std::size_t checked = 0, identical = 0;
  // Every set had at least per_set timed calls when there are this many samples (the sets rotate), so an
  // empty witness (still poisoned) is the candidate's: it is checked like the others.
  const bool all_filled = static_cast<std::size_t>(st.candidate.samples) >= plan.witnesses.size();
  for (std::size_t i = 0; i < plan.witnesses.size(); ++i) {
    const std::size_t k = i / per_set;
    const json& call = witness_calls[k][i % per_set];
    if (!all_filled && call.get<std::int64_t>() < 0) continue;
    ++checked;
    // A deterministic kernel gives the checked last call's bytes again: then only the witness's guards are
    // left to check (its inputs are the set's, checked with it). Anything else is compared in full.
    if (same_outputs(arena, plan.sets[k], plan.witnesses[i]) && damaged_guard(arena, plan.witnesses[i]).empty()) {
      ++identical;
      continue;
    }
    const std::string phase = fmt::format("timed call {} of input set {}, kept at random after it returned", call.get<std::int64_t>(), k);
    if (auto bad = check_call(s, plan, arena, plan.witnesses[i], b.snapshots[k], b.expected[k], scale, phase, worst)) return bad;
  }
  finish_shape_timing(s, plan, st);
  if (!plan.witnesses.empty()) {
    if (!st.measurement.is_object()) st.measurement = json::object();
    st.measurement["timed_calls_checked"] = json{{"last_of_each_set", sets}, {"kept_at_random", checked},
                                                  {"identical_to_the_last", identical}, {"which", witness_calls}};
  }
  return std::nullopt;
}

void finish_shape_timing(const Session& s, const CallPlan& plan, ShapeTiming& st) {
  st.speedup = st.reference.median_ns / st.candidate.median_ns;
  if (st.vendor) st.vendor_speedup = st.vendor->median_ns / st.candidate.median_ns;
  st.flops = static_cast<double>(s.task.flops.eval(plan.env));
  st.bytes = static_cast<double>(s.task.bytes.eval(plan.env));
  st.achieved_flops = st.flops / (st.candidate.median_ns * 1e-9);
  st.achieved_bytes_per_s = st.bytes / (st.candidate.median_ns * 1e-9);
  if (s.device && s.device->peak_bandwidth_bytes_per_s > 0) st.bandwidth_fraction = st.achieved_bytes_per_s / s.device->peak_bandwidth_bytes_per_s;
  if (s.device && s.device->peak_flops > 0) st.compute_fraction = st.achieved_flops / s.device->peak_flops;
}

}  // namespace kbench

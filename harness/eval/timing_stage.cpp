// Timing stage of the evaluator. See timing_stage.hpp.
#include "harness/eval/timing_stage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "backends/compile_cache.hpp"
#include "core/util/trace.hpp"
#include "harness/eval/bracketed_timing.hpp"

namespace kbench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The candidate's claims against its brackets, with the overhead the reference's showed: consistent claims
// are its samples; otherwise kbench's own per-batch estimates are, and the measurement says why.
TimingSummary judged_candidate_timing(const Session& s, const CallPlan& plan, BracketedTiming& t,
                                      const BracketOverhead& overhead, json& measurement) {
  const std::size_t per_set = plan.sets.empty() ? 0 : plan.witnesses.size() / plan.sets.size();
  const double copy_ns = witness_copy_ns(plan, overhead, s.device ? s.device->peak_bandwidth_bytes_per_s : 0);
  allow_for_witnesses(t.batches, plan.sets.size(), per_set, copy_ns);
  // Every reference timing is taken in batches, so its overhead is known; were it not, no overhead would be
  // taken off and honest claims would look short: timed on the whole brackets, never faster than they are.
  const BracketJudgement j = judge_claims(t.batches, overhead);
  if (!measurement.is_object()) measurement = json::object();
  measurement["clock_check"] = {{"consistent", j.consistent},
                                {"claimed_per_call_ns", j.claimed_per_call_ns},
                                {"parent_per_call_ns", j.parent_per_call_ns},
                                {"allowed_shortfall_ns", j.allowed_shortfall_ns},
                                {"overhead", {{"fixed_ns", overhead.fixed_ns}, {"per_call_ns", overhead.per_call_ns},
                                              {"spread_ns", overhead.spread_ns}, {"trusted_batches", overhead.batches}}},
                                {"batches", t.batches.size()},
                                {"witness_copy_allowance_ns", std::accumulate(t.batches.begin(), t.batches.end(), 0.0,
                                                                              [](double a, const BatchBracket& b) { return a + b.allowance_ns; })},
                                {"stop_reason", t.notes.value("stop_reason", "")}};
  if (j.consistent) return summarize_samples(std::move(t.samples_ns), t.method);
  // A worker caught claiming less than its brackets allow gets no benefit of the doubt: each batch's whole
  // bracket per call, overhead included, is its sample (an upper bound of its time, so its speedup is a
  // lower bound).
  measurement["warning"] = "timing inconsistent: " + j.explanation +
                           ". The worker's claims were not used: the samples are kbench's own clock, one per "
                           "batch, the whole bracket per call (overhead included: an upper bound of the call)";
  return summarize_samples(j.bracket_batch_ns, "parent-bracket");
}

ReferenceTimings::Key timing_key(const Session& s, const fs::path& artifact, const std::string& shape, int sets) {
  return {s.task.id, s.backend.name(), artifact.string(), shape, sets, to_json(s.opt.timing).dump(),
          s.device ? device_identity(*s.device) : ""};
}

// Times `slot` in the reference worker (reference or vendor baseline), once per Evaluator (or server slot)
// and ReferenceTimings::max_age.
BaselineTiming time_baseline(Session& s, const std::string& slot, const fs::path& artifact, const Arena& arena,
                             const CallPlan& plan, const std::string& shape) {
  const ReferenceTimings::Key key = timing_key(s, artifact, shape, static_cast<int>(plan.sets.size()));
  if (auto known = s.reference_timings.find(key, s.opt.eval_budget_s)) return *known;
  // No compiler of kbench's (a candidate compiled ahead) runs on the host beside a timing kept for others,
  // and no candidate of another kbench process is on the device (DeviceLock). A timing measured after this
  // evaluation's own candidate was loaded (a later bench shape) is kept in this process only.
  SharedGate::Hold quiet(compiler_gate(), true);
  bool clean = !s.candidate_loaded;
  if (clean && !s.device_lock.exclusive(s.opt.eval_budget_s)) {
    clean = false;
    fmt::print(stderr, "kbench: another kbench process kept a candidate on the device for {:.0f} s; the {} timing of {} is "
                       "kept for this run only\n", s.opt.eval_budget_s, slot, s.task.id);
  }
  BracketedTiming t;
  auto bad = time_in_batches(s, *s.reference_worker, slot, arena, plan, false, t, "timing the " + slot + " at " + shape);
  if (!s.candidate_loaded) s.device_lock.release();
  if (bad) throw HarnessError(s.task.id + ": timing the " + slot + " kernel failed: " + bad->detail);
  const BaselineTiming timing{summarize_samples(std::move(t.samples_ns), t.method), fit_bracket_overhead(t.batches)};
  s.reference_timings.store(key, timing, clean);
  return timing;
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
    return artifact.empty() || s.reference_timings.find(timing_key(s, artifact, name, sets)).has_value();
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
  const BaselineTiming reference = time_baseline(s, "reference", reference_artifact, b.reference_arena, plan, st.shape);
  st.reference = reference.summary;
  if (!vendor_artifact.empty()) {
    st.vendor = time_baseline(s, "vendor", vendor_artifact, b.reference_arena, plan, st.shape).summary;
  }
  trace("time candidate");
  BracketedTiming timed;
  const std::string what = "timing solve at " + st.shape;
  if (auto bad = time_in_batches(s, *s.candidate_worker, "candidate", arena, plan, true, timed, what)) return bad;
  const json witness_calls = timed.notes.value("witness_calls", json());  // shaped: time_in_batches checked it
  const std::size_t timed_calls = timed.samples_ns.size();  // one claim per timed call
  st.candidate = judged_candidate_timing(s, plan, timed, reference.overhead, st.measurement);
  trace("check timed outputs");
  // Outputs of the timed calls are checked too ("compute once, then return" fails here): each set's last
  // call, and the witnesses, calls kept at random after they returned ("compute on a few timed calls" fails).
  const double scale = by_reference ? 2.0 : 1.0;
  for (int k = 0; k < sets; ++k)
    if (auto bad = check_call(s, plan, arena, plan.sets[k], b.reference_arena, b.expected[static_cast<std::size_t>(k)],
                              scale, "timed", worst))
      return bad;
  const std::size_t per_set = plan.witnesses.size() / plan.sets.size();
  std::size_t checked = 0, identical = 0;
  // Every set had at least per_set timed calls when there are this many samples (the sets rotate), so an
  // empty witness (still poisoned) is the candidate's: it is checked like the others.
  const bool all_filled = timed_calls >= plan.witnesses.size();
  for (std::size_t i = 0; i < plan.witnesses.size(); ++i) {
    const std::size_t k = i / per_set;
    const json& call = witness_calls[k][i % per_set];
    if (!all_filled && call.get<std::int64_t>() < 0) continue;
    ++checked;
    // A deterministic kernel gives the checked last call's bytes again: then only the witness's guards are
    // left to check (its inputs are the set's, checked with it). Anything else is compared in full.
    if (witness_equals_last_call(plan, arena, i) && damaged_guard(arena, plan.witnesses[i]).empty()) {
      ++identical;
      continue;
    }
    const std::string phase = fmt::format("timed call {} of input set {}, kept at random after it returned", call.get<std::int64_t>(), k);
    if (auto bad = check_witness(s, plan, arena, i, b.expected[k], scale, phase, worst)) return bad;
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

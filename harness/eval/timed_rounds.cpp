// time_in_rounds: see timed_rounds.hpp.
#include "harness/eval/timed_rounds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>

#include <omp.h>

#include "core/timing/round_speedup.hpp"
#include "core/timing/stopping_rule.hpp"
#include "core/util/clock.hpp"
#include "core/util/harness_error.hpp"
#include "core/util/trace.hpp"
#include "harness/eval/inputs.hpp"
#include "harness/eval/parallel_bytes.hpp"
#include "harness/eval/timing_stage.hpp"

namespace kbench {
namespace {

struct Side {
  std::vector<double> brackets_ns;  // per round, the parent's clock
  std::vector<double> claims_ns;    // per round, the worker's own sum over the round's calls
};

// kbench's own OpenMP threads (input generation, conversions, checks) spin for milliseconds after each
// parallel region before they sleep: on a 16-core host they took the cores from the very call timed next
// (an honest copy of the reference measured 0.2x). Ending the thread pool before every timed request
// leaves the parent with no thread that could run while a worker is timed.
void quiet_parent_threads() { (void)omp_pause_resource_all(omp_pause_soft); }

}  // namespace

StageResult time_in_rounds(Session& s, BenchInputs& b, std::size_t shape_index, bool with_vendor, ShapeTiming& st,
                           CompareResult& worst) {
  const CallPlan& plan = b.plan;
  const std::size_t sets = plan.sets.size();
  const TimingPolicy& policy = s.opt.timing;
  Arena& ref = b.reference_arena;
  Arena& cand = b.arena;
  st.shape = b.shape;

  // A trusted worker's request for the S calls of one round: (bracket, its own per-call sum).
  auto run_trusted = [&](const std::string& slot, Side& side) {
    quiet_parent_threads();
    const WorkerReply r = s.reference_worker->request(protocol::RunRequest{slot, protocol::arena_ref(ref), plan.sets}, s.opt.run_timeout_s);
    if (r.kind != WorkerReply::Kind::ok || r.fatal)
      throw HarnessError(fmt::format("{}: the {} kernel failed at bench shape {}: {}", s.task.id, slot, b.shape,
                                     r.fatal ? "the device reported an unrecoverable error" : r.detail));
    const std::vector<double> claims = protocol::run_claims_from_wire(r.body, sets);
    side.brackets_ns.push_back(r.wall_ms * 1e6);
    side.claims_ns.push_back(std::accumulate(claims.begin(), claims.end(), 0.0));
  };

  Side reference, vendor, candidate;
  std::vector<ExpectedOutputs> expected(sets);
  const auto start = SteadyClock::now();
  const double warmup_cap_ms = policy.max_time_ms / 4;
  const int warmup_rounds_min = std::max<int>(1, static_cast<int>((policy.warmup_calls + sets - 1) / sets));
  int warmup_rounds = 0;
  bool warming = true;
  double loop_start_ms = 0;
  std::vector<double> ref_samples, vendor_samples, cand_samples;
  double fixed_cost_ns = std::numeric_limits<double>::infinity();
  std::uint64_t fresh_draws = 0;
  std::string stop_reason;
  for (std::uint64_t round = 0;; ++round) {
    // 1. Inputs, poisoned outputs and guards, written while the candidate is stopped: fresh for every
    // timed round; warm-up rounds go on with the first round's inputs (no timed round repeats a set).
    trace("round: inputs");
    const bool fresh = round == 0 || !warming;
    for (std::size_t k = 0; k < sets; ++k) {
      if (fresh) fill_inputs(plan, ref, plan.sets[k], derive_seed(derive_seed(s.v.seed, 30, shape_index), fresh_draws, k));
      poison_outputs(ref, plan.sets[k]);
      fill_guards(ref, plan.sets[k]);
    }
    if (fresh) ++fresh_draws;
    // On every core: a single-threaded copy of a large arena left the other cores idle just before the
    // reference was timed, and on a virtual machine idle cores wake late (the next call's threads waited).
    parallel_copy(cand.data(), ref.data(), plan.arena_bytes);  // before the reference writes any output
    // 2-3. The baselines, with the candidate stopped.
    auto run_baselines = [&] {
      trace("round: reference");
      run_trusted("reference", reference);
      trace("round: expected");
      if (fresh)
        for (std::size_t k = 0; k < sets; ++k) arena_outputs_into(ref, plan.sets[k], expected[k]);
      if (with_vendor) {
        for (std::size_t k = 0; k < sets; ++k) poison_outputs(ref, plan.sets[k]);
        run_trusted("vendor", vendor);
      }
    };
    // 4. The candidate: resumed, bracketed, stopped. Its limit follows the reference's latest round.
    auto run_candidate = [&]() -> StageResult {
      trace("round: candidate");
      quiet_parent_threads();
      WorkerReply reply;
      const std::string what = fmt::format("calling solve at shape {} (timed round {})", b.shape, round + 1);
      const double ref_s = reference.brackets_ns.back() / 1e9;
      const CallLimit limit = call_limit(s.opt, ref_s, fmt::format("the reference kernel's {:.3g}", ref_s));
      if (auto bad = ask(s, *s.candidate_worker, protocol::RunRequest{"candidate", protocol::arena_ref(cand), plan.sets},
                         limit.seconds, what, &reply, limit.why))
        return bad;
      candidate.brackets_ns.push_back(reply.wall_ms * 1e6);
      double claimed = -1;  // the candidate's own clock, for the notes only
      try {
        const std::vector<double> claims = protocol::run_claims_from_wire(reply.body, sets);
        claimed = std::accumulate(claims.begin(), claims.end(), 0.0);
      } catch (const protocol::MalformedReply&) {
      }
      candidate.claims_ns.push_back(claimed);
      return std::nullopt;
    };
    // The order alternates round by round (reference first in even rounds, the candidate in odd ones), so
    // that whatever running second costs or gains (caches, clocks, the parent's last writes) falls on
    // both sides alike. Either way each side runs with the other stopped, and nothing is checked before both ran.
    if (round % 2 == 0) {
      run_baselines();
      if (auto bad = run_candidate()) return bad;
    } else {
      if (auto bad = run_candidate()) return bad;
      run_baselines();
    }
    // 5. Every call of the round, its inputs against the reference's arena (which the candidate never saw).
    trace("round: check");
    for (std::size_t k = 0; k < sets; ++k)
      if (auto bad = check_call(s, plan, cand, plan.sets[k], ref, expected[k], 2.0, warming ? "warm-up" : "timed", worst))
        return bad;

    trace(fmt::format("round {}{}: reference {:.3f} ms (its clock {:.3f}), candidate {:.3f} ms (its clock {:.3f})", round + 1,
                      warming ? " (warm-up)" : "", reference.brackets_ns.back() / 1e6, reference.claims_ns.back() / 1e6,
                      candidate.brackets_ns.back() / 1e6, candidate.claims_ns.back() / 1e6));
    // The request's fixed cost, as the trusted worker shows it: its bracket less its own calls.
    fixed_cost_ns = std::min(fixed_cost_ns, std::max(0.0, reference.brackets_ns.back() - reference.claims_ns.back()));
    const double elapsed_ms = seconds_since(start) * 1e3;
    if (warming) {
      ++warmup_rounds;
      if (warmup_rounds < warmup_rounds_min || (elapsed_ms < policy.warmup_ms && elapsed_ms < warmup_cap_ms)) continue;
      warming = false;
      loop_start_ms = elapsed_ms;
      continue;
    }
    auto per_call = [&](const Side& side) { return std::max(1.0, side.brackets_ns.back() - fixed_cost_ns) / static_cast<double>(sets); };
    ref_samples.push_back(per_call(reference));
    cand_samples.push_back(per_call(candidate));
    if (with_vendor) vendor_samples.push_back(per_call(vendor));
    auto measured_ms = [&](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) * static_cast<double>(sets) / 1e6; };
    const double loop_ms = elapsed_ms - loop_start_ms;
    auto done = [&](const std::vector<double>& v) { return should_stop_sampling(v, measured_ms(v), loop_ms, policy); };
    if (done(cand_samples) && done(ref_samples) && (!with_vendor || done(vendor_samples))) {
      // As sample_calls reads it off the caps (the policy's: screen's are smaller than full's).
      stop_reason = static_cast<int>(ref_samples.size()) >= policy.max_samples ? "max_samples"
                    : loop_ms >= policy.max_time_ms                         ? "max_time"
                                                                            : "target_rse";
      break;
    }
  }

  st.reference = summarize_samples(ref_samples, "cpu-parent-clock");
  st.candidate = summarize_samples(cand_samples, "cpu-parent-clock");
  if (with_vendor) st.vendor = summarize_samples(vendor_samples, "cpu-parent-clock");
  // The worker's own clock against the parent's: a candidate that rewrote its clock is named here (its
  // claim is never used for the number).
  std::vector<double> claimed_share;
  for (std::size_t i = 0; i < candidate.claims_ns.size(); ++i)
    if (candidate.claims_ns[i] >= 0) claimed_share.push_back(candidate.claims_ns[i] / std::max(1.0, candidate.brackets_ns[i] - fixed_cost_ns));
  st.measurement = {{"clock", "parent"},
                    {"rounds", ref_samples.size()},
                    {"warmup_rounds", warmup_rounds},
                    {"calls_per_round", sets},
                    {"fresh_inputs_per_round", true},
                    {"every_call_checked", true},
                    {"fixed_cost_ns", fixed_cost_ns},
                    {"stop_reason", stop_reason}};
  if (!claimed_share.empty()) {
    const double ratio = quantile_of(claimed_share, 0.5);
    st.measurement["candidate_clock_ratio"] = ratio;  // its own clock / the parent's
    if (ratio < 0.8 || ratio > 1.25)
      st.measurement["warning"] = fmt::format("the candidate's worker claimed {:.3g}x the time the parent measured; "
                                              "its claim was not used", ratio);
  }
  finish_shape_timing(s, plan, st);
  // The speedup compares the rounds' lower quartiles. Every round's bracket holds all the work of its
  // calls (fresh inputs written just before it, the worker stopped just after it, every output checked),
  // so no round can be made faster than its work; the noise is one-sided (a worker whose threads wait
  // for a core, or a host's neighbour) and on a shared host it hit a third of the rounds, either side.
  const double ref_q = quantile_of(ref_samples, 0.25), cand_q = quantile_of(cand_samples, 0.25);
  const RoundSpeedup est = round_speedup(ref_samples, cand_samples);
  st.speedup = est.lower_quartile_ratio;
  if (with_vendor) st.vendor_speedup = quantile_of(vendor_samples, 0.25) / cand_q;
  st.measurement["speedup_from"] = "lower quartile of the rounds, each side";
  st.measurement["reference_p25_ns"] = ref_q;
  st.measurement["candidate_p25_ns"] = cand_q;
  // The other estimators over the same rounds, for bench/honest_copies.sh (never the reported number).
  st.measurement["speedup_median_ratio"] = est.median_ratio;
  st.measurement["speedup_paired_median"] = est.paired_median;
  return std::nullopt;
}

}  // namespace kbench

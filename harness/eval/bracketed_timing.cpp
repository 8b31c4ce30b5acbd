// time_in_batches: see bracketed_timing.hpp.
#include "harness/eval/bracketed_timing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/timing/stopping_rule.hpp"

namespace kbench {

using nlohmann::json;

int next_batch_calls(const TimingPolicy& policy, double sampled_ms, double per_call_ms, int taken) {
  const double target_ms = sampled_ms <= 0 ? policy.min_time_ms / 4
                                           : std::clamp(sampled_ms / 2, policy.min_time_ms / 4, policy.max_time_ms / 10);
  const double calls = per_call_ms > 0 ? target_ms / per_call_ms : 1;
  const int left = std::max(1, policy.max_samples - taken);
  return static_cast<int>(std::clamp(std::floor(calls), 1.0, static_cast<double>(left)));
}

StageResult time_in_batches(Session& s, WorkerProcess& w, const std::string& slot, const Arena& arena, const CallPlan& plan,
                            bool with_witnesses, BracketedTiming& out, const std::string& what) {
  const TimingPolicy& policy = s.opt.timing;
  const double limit = s.opt.run_timeout_s + policy.max_time_ms / 1000.0 * 2;
  auto runtime_error = [&](const std::string& detail) {
    Verdict v = s.v;
    v.status = Status::runtime_error;
    v.detail = what + ": " + detail;
    v.run_log = trim_log(w.log_tail());
    return v;
  };
  WorkerReply reply;
  protocol::TimeBeginRequest begin{slot, protocol::arena_ref(arena), plan.sets, policy};
  if (with_witnesses) {
    begin.witnesses = plan.witnesses;
    begin.witness_samples = plan.witness_samples;
  }
  if (auto bad = ask(s, w, begin, limit, what + " (warm-up)", &reply))
    return bad;
  try {
    out.warmup_calls = protocol::time_begin_reply_from_wire(reply.body).warmup_calls;
  } catch (const protocol::MalformedReply& e) {
    return runtime_error(std::string("the worker sent a malformed reply to the start of timing (") + e.what() + ")");
  }
  // The warm-up's bracket holds the staging too: a pace that errs slow, so the first batch errs small.
  double per_call_ms = reply.wall_ms / std::max(1, out.warmup_calls);
  std::vector<double> device_ns, host_ns;
  double measured_ms = 0;
  const auto start = std::chrono::steady_clock::now();
  std::string why_stopped;
  for (;;) {
    const int count = next_batch_calls(policy, measured_ms, per_call_ms, static_cast<int>(device_ns.size()));
    if (auto bad = ask(s, w, protocol::TimeCallsRequest{count}, limit, what, &reply)) return bad;
    protocol::TimeCallsReply claims;
    try {
      claims = protocol::time_calls_reply_from_wire(reply.body, count);
    } catch (const protocol::MalformedReply& e) {
      return runtime_error(std::string("the worker sent a malformed timing reply (") + e.what() + ")");
    }
    out.batches.push_back({count, reply.wall_ms * 1e6, 0, 0});
    for (double ns : claims.device_ns) measured_ms += ns / 1e6;
    device_ns.insert(device_ns.end(), claims.device_ns.begin(), claims.device_ns.end());
    host_ns.insert(host_ns.end(), claims.host_ns.begin(), claims.host_ns.end());
    per_call_ms = reply.wall_ms / count;
    const double wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (device_ns.size() >= plan.sets.size() && should_stop_sampling(device_ns, measured_ms, wall_ms, policy)) {
      why_stopped = stop_reason(device_ns.size(), wall_ms, policy);
      break;
    }
  }
  if (auto bad = ask(s, w, protocol::TimeEndRequest{}, limit, what + " (collecting the outputs)", &reply)) return bad;
  protocol::TimeEndReply end;
  try {
    end = protocol::time_end_reply_from_wire(reply.body);
  } catch (const protocol::MalformedReply& e) {
    return runtime_error(std::string("the worker sent a malformed reply to the end of timing (") + e.what() + ")");
  }
  out.samples_ns = end.host_clock ? std::move(host_ns) : std::move(device_ns);
  out.method = end.method;
  out.notes = std::move(end.notes);
  if (with_witnesses && !plan.witnesses.empty()) {
    // Which timed call each witness holds: a claim, reported only (the witnesses' outputs are what is
    // checked), but one of the right shape, W integers per set.
    const std::size_t per_set = plan.witnesses.size() / plan.sets.size();
    const json& claimed = out.notes.contains("witness_calls") ? out.notes["witness_calls"] : json();
    bool shaped = claimed.is_array() && claimed.size() == plan.sets.size();
    for (std::size_t k = 0; shaped && k < claimed.size(); ++k) {
      shaped = claimed[k].is_array() && claimed[k].size() == per_set;
      for (std::size_t i = 0; shaped && i < per_set; ++i) shaped = claimed[k][i].is_number_integer();
    }
    if (!shaped) return runtime_error("the worker's timing reply does not say which timed calls its witnesses hold");
  }
  std::size_t at = 0;
  for (auto& b : out.batches) {
    for (int i = 0; i < b.calls; ++i) b.claimed_ns += out.samples_ns[at++];
    // A worker's calls cannot take longer than the parent's bracket around them.
    if (b.claimed_ns > b.bracket_ns * 1.05 + 1e6)
      return runtime_error(fmt::format("timing samples ({:.1f} ms in a batch) are inconsistent with the {:.1f} ms the "
                                       "parent measured around it",
                                       b.claimed_ns / 1e6, b.bracket_ns / 1e6));
  }
  out.notes["stop_reason"] = why_stopped;
  out.notes["batches"] = out.batches.size();
  return std::nullopt;
}

void allow_for_witnesses(std::vector<BatchBracket>& batches, std::size_t sets, std::size_t per_set, double copy_ns) {
  if (per_set == 0 || sets == 0 || !(copy_ns > 0)) return;
  std::vector<double> expected;
  double total = 0, variance = 0;
  std::size_t call = 0;
  for (const auto& b : batches) {
    double e = 0;
    for (int i = 0; i < b.calls; ++i, ++call) {
      const double nth = static_cast<double>(call / sets + 1);  // this call is its set's nth timed one
      const double p = std::min(1.0, static_cast<double>(per_set) / nth);
      e += p;
      variance += p * (1 - p);
    }
    expected.push_back(e);
    total += e;
  }
  // The two standard deviations are the whole timing's, shared out in proportion to each batch's copies.
  const double margin = total > 0 ? 1 + 2 * std::sqrt(variance) / total : 1;
  for (std::size_t j = 0; j < batches.size(); ++j) batches[j].allowance_ns = expected[j] * margin * copy_ns;
}

double witness_copy_ns(const CallPlan& plan, const BracketOverhead& overhead, double copy_bytes_per_s) {
  double output_bytes = 0, kept_bytes = 0;
  if (!plan.sets.empty() && !plan.witnesses.empty())
    for (std::size_t i = 0; i < plan.sets[0].args.size(); ++i)
      if (plan.sets[0].args[i].kind == ArgSlot::Kind::tensor && plan.sets[0].args[i].is_output) {
        output_bytes += static_cast<double>(plan.sets[0].args[i].bytes);
        kept_bytes += static_cast<double>(plan.witnesses[0].args[i].bytes);
      }
  if (!(output_bytes > 0)) return 0;
  // A copy reads and writes the bytes; a restore writes all of the output (CPU: the poison pattern) or
  // copies it (GPU: from a device snapshot), so a copy costs at most twice the restore's share of those
  // bytes, plus a fixed cost per copy call (a sampled witness is one strided copy).
  constexpr double kPerCopyCallNs = 20e3;
  const double bound_ns = 2 * overhead.per_call_ns * kept_bytes / output_bytes + kPerCopyCallNs;
  if (!(copy_bytes_per_s > 0)) return bound_ns;
  return std::min(bound_ns, 1.5 * 2 * kept_bytes / copy_bytes_per_s * 1e9 + kPerCopyCallNs);
}

}  // namespace kbench

// Timing where the worker times its own calls (the GPU workers), driven from the parent in batches
// (issue 12, principle 1): the worker warms up (time_begin), then runs exactly the number of timed calls
// the parent asks for in each batch (time_calls), each batch bracketed by the parent's clock, until the
// stopping rule holds; time_end puts the outputs back in the arena. What the worker says of each call is a
// claim; the brackets are what judge_claims (core/timing/bracket_check.hpp) holds the claims against.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/timing/bracket_check.hpp"
#include "harness/eval/call_plan.hpp"
#include "harness/eval/eval_session.hpp"

namespace kbench {

struct BracketedTiming {
  std::vector<double> samples_ns;     // the worker's claims, one per timed call (its events, or its host clock)
  std::string method;                 // the worker's name for the clock of samples_ns
  nlohmann::json notes;               // the worker's notes (claims), plus stop_reason and batches
  std::vector<BatchBracket> batches;  // per batch: calls, the parent's bracket, the claims' sum
  int warmup_calls = 0;
};

// The batch sizes: the first asks for a quarter of the policy's min_time_ms (at the warm-up's pace),
// later ones for half the time sampled so far, at most a tenth of max_time_ms, so that an early stop
// overshoots by little and the batches have several sizes (the overhead fit needs two).
int next_batch_calls(const TimingPolicy& policy, double sampled_ms, double per_call_ms, int taken);

// Runs the batches in `w` for `slot` over the plan's sets (with the plan's witnesses for the candidate). A reply
// that is malformed, counts other calls than asked, claims more time than the parent's bracket of its
// batch, or (with witnesses) does not say which call each witness holds, W integers per set
// (notes["witness_calls"]), is the candidate's runtime_error (a verdict); a worker that dies or times
// out, likewise.
StageResult time_in_batches(Session& s, WorkerProcess& w, const std::string& slot, const Arena& arena, const CallPlan& plan,
                            bool with_witnesses, BracketedTiming& out, const std::string& what);

// Allowance for the witness copies in each of the candidate's batches (work the trusted worker's batches
// did not have): the expected number of copies plus two standard deviations over the whole timing (a call
// that is its set's i-th timed one is kept with probability min(1, W / i)), each costing `copy_ns`.
void allow_for_witnesses(std::vector<BatchBracket>& batches, std::size_t sets, std::size_t per_set, double copy_ns);

// What one witness copy (the bytes a witness keeps of one call's outputs) costs at most: twice the trusted
// worker's per-call overhead in proportion to those bytes (it restores the whole outputs before every call;
// a restore writes them, a copy reads and writes them), or where the device's copy bandwidth is known and
// says less, 1.5 x the time to read and write the bytes at that bandwidth; plus 20 us per copy call.
double witness_copy_ns(const CallPlan& plan, const BracketOverhead& overhead, double copy_bytes_per_s);

}  // namespace kbench

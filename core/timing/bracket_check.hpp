// The parent's clock against the worker's (issue 12, principle 1). Where a worker times its own calls (the
// GPU workers: device events), the parent brackets every batch of timed calls with its own clock. A batch's
// bracket holds the calls' own time plus overhead that is not the candidate's (per call: outputs restored,
// L2 flushed, two device synchronisations; per batch: resuming and stopping the worker, the request and the
// reply). That overhead is measured where the worker's clock can be believed, in the trusted worker timing
// the reference on the same plan, and fitted as fixed + per_call x calls. A candidate's claims are then
// judged against what its brackets leave once that overhead is taken off: claims far below it are a clock
// the candidate slowed or a sample it forged, and kbench's own estimate replaces them.
#pragma once
#include <string>
#include <vector>

namespace kbench {

struct BatchBracket {
  int calls = 0;             // timed calls in the batch (the parent asked for exactly these)
  double bracket_ns = 0;     // the parent's clock around the batch's request
  double claimed_ns = 0;     // the worker's own durations of those calls, summed
  double allowance_ns = 0;   // work in the bracket that the trusted side did not have (witness copies)
};

// Overhead in a bracket beyond the calls' own time, from trusted batches: residual = bracket - claimed,
// fitted as fixed_ns + per_call_ns * calls (Theil-Sen when the batches have at least two sizes,
// otherwise fixed_ns = 0), both clamped at >= 0; spread_ns is the robust spread (1.4826 MAD) of the
// fit's per-call residuals.
struct BracketOverhead {
  double fixed_ns = 0, per_call_ns = 0, spread_ns = 0;
  int batches = 0;
  bool known() const { return batches > 0; }
};
BracketOverhead fit_bracket_overhead(const std::vector<BatchBracket>& trusted);

// How a worker's claims compare with the parent's brackets once the overhead is taken off.
struct BracketJudgement {
  bool consistent = true;
  double claimed_per_call_ns = 0;  // the claims' mean per call over all batches
  double parent_per_call_ns = 0;   // the brackets' mean per call over all batches, overhead taken off
  double allowed_shortfall_ns = 0; // how far below parent_per_call_ns the claims may be
  std::vector<double> parent_batch_ns;  // per batch, the bracket's time per call less overhead (>= 1 ns)
  std::vector<double> bracket_batch_ns; // per batch, the whole bracket per call: an upper bound of a call
  std::string explanation;         // why inconsistent (empty when consistent)
};

// Claims are consistent when their mean per call is at least parent_per_call_ns less
// max(kRelativeShortfall x parent_per_call_ns, 3 standard errors) + kAbsoluteShortfallNs, the standard
// error being spread x sqrt(1 / candidate batches + 1 / trusted batches) (a spread is one batch's). Throws
// std::invalid_argument on no batch or a batch of no calls.
inline constexpr double kRelativeShortfall = 0.10;
inline constexpr double kAbsoluteShortfallNs = 2000;
BracketJudgement judge_claims(const std::vector<BatchBracket>& batches, const BracketOverhead& overhead);

}  // namespace kbench

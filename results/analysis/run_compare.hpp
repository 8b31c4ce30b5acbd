// Noise-aware comparison of two stored runs (the regression gate behind `kbench compare`).
// Per task and backend: the verdict change (correct -> anything else is always a regression) and, per
// bench shape, the timing change of the kernel judged. A timing change counts only when all three hold:
//  - it exceeds the threshold (relative change of the medians);
//  - it exceeds the noise measured between processes and runs (the shape's noise floor): in a baseline
//    run the reference kernel is timed twice, as the run's candidate and as its reference, in two worker
//    processes, so their ratio is this run's own noise (the canary); between two candidate runs the
//    reference kernel is the same code on both sides, so its change is the machine's drift between them;
//  - a two-sided Mann-Whitney U test on the block medians of the raw samples (gate_samples.hpp) rejects
//    "same distribution" at level alpha.
// Between two baseline runs a change must also stand out against the whole run's drift (RunDrift).
// A change over the threshold that fails the other two is "noisy", never a regression. `--confirm`
// (harness) re-times both sides interleaved in one session; apply_confirmation judges that re-timing.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/analysis/median_ci.hpp"
#include "results/analysis/run_subjects.hpp"

namespace kbench {

// What is compared per shape: the judged kernel's time, or its time over the reference's timed in the
// same rounds of the same run (the inverse speedup: the machine's drift between runs cancels).
enum class GateMeasure { time, speedup };
std::string_view measure_name(GateMeasure m);

struct CompareOptions {
  double threshold = 0.05;     // relative change of the median that matters (0.05 = 5 %)
  double confidence = 0.95;    // of each median's interval (shown, and the dashboard's history)
  double alpha = 0.01;         // significance level of the Mann-Whitney test
  GateMeasure measure = GateMeasure::time;
  double canary_limit = 0.10;  // a baseline run whose canary is off by more (median over shapes) is unreliable
};

enum class TimingOutcome { unchanged, faster, slower, noisy };
std::string_view outcome_name(TimingOutcome o);

struct ShapeChange {
  std::string shape;
  MedianInterval base, next;    // of the judged kernel's time
  double base_value = 0, next_value = 0;  // medians of the measure (ns, or time over the reference's)
  double change = 0;            // next_value / base_value - 1
  double p_value = 1;           // Mann-Whitney, two-sided, on the block medians
  int base_tested = 0, next_tested = 0;  // block medians tested per side
  double noise_floor = 0;       // relative change the measured noise alone can make (0: none measured)
  std::string noise_from;       // "canary" | "reference drift" | ""
  TimingOutcome outcome = TimingOutcome::unchanged;
};

// The judgement of one pair of timings of one kernel, with a noise floor measured elsewhere (0: none);
// the dashboard's history marks use it too.
ShapeChange compare_timing(const std::string& shape, const TimingSummary& base, const TimingSummary& next,
                           const CompareOptions& options, double noise_floor = 0, std::string noise_from = "");
// The same for two stored shape timings: the measure and the noise floor (see above) come from them;
// `base_self` / `next_self`: that side's candidate slot holds the reference kernel itself (a baseline run).
ShapeChange compare_shape(const ShapeTiming& base, const ShapeTiming& next, bool base_self, bool next_self,
                          const CompareOptions& options);

// A re-timing of both sides in one session (kbench compare --confirm): one entry per evaluation (one
// worker process each), interleaved base, new, base, new, ...
struct Retiming {
  std::vector<ShapeTiming> base, next;
};

enum class Confirmation { not_checked, confirmed, not_confirmed };
std::string_view confirmation_name(Confirmation c);

enum class TaskOutcomeKind {
  regressed_verdict,  // correct before, anything else now
  regressed_time,     // slower beyond threshold and noise on some shape
  fixed,              // correct now, not before
  improved,           // faster beyond threshold and noise (and slower nowhere)
  noisy,              // changed beyond threshold but inside the measured noise
  unchanged,
  still_failing,      // not correct on either side
  no_timing,          // correct on both sides, no bench shape in common
  added,              // only in the new run
  missing             // only in the base run
};
std::string_view outcome_name(TaskOutcomeKind k);
bool is_regression(TaskOutcomeKind k);

struct TaskComparison {
  std::string task_id, backend;
  std::optional<Status> base_status, next_status;  // none: not attempted, or absent (outcome added / missing)
  std::vector<ShapeChange> shapes;       // bench shapes present on both sides
  TaskOutcomeKind outcome = TaskOutcomeKind::unchanged;
  std::optional<double> change;          // of the deciding shape (see deciding_shape)
  int deciding_shape = -1;               // index in `shapes` whose change decided the outcome
  Confirmation confirmation = Confirmation::not_checked;  // of a timing regression, by --confirm
  std::string confirmation_detail;       // the re-timing's numbers
  bool counts_as_regression() const;     // a regression, not refuted by a re-timing
};

// Judges a re-timing of a timing regression's deciding shape: confirmed when the re-timed change is over
// the threshold, the Mann-Whitney test on the pooled block medians rejects at alpha, and the re-timed
// processes differ (Mann-Whitney on one value each where it can reject at alpha, else every new process
// slower than every base one); else not confirmed (no longer a regression).
void apply_confirmation(TaskComparison& t, const Retiming& r, const CompareOptions& options);

// The noise canary of a baseline run: the reference kernel timed as the candidate over itself timed as
// the reference, per shape. Available only for runs whose candidate slot holds the reference.
struct RunCanary {
  bool available = false;
  int shapes = 0;
  double median_deviation = 0;  // median over shapes of |ratio - 1|
  double worst_ratio = 1;       // the ratio furthest from 1
  std::string worst_task;       // and where
  bool unreliable = false;      // median_deviation > options.canary_limit
};

struct RunSideInfo {
  std::string db, run_id, kind, started_at, kbench_version, device, compiler, role;
  std::string label, git_commit;
  std::optional<bool> git_dirty;
  RunCanary canary;
};

// How far the whole run moved between two baseline runs: the median over every shape timed on both
// sides of log(new / base), and the spread around it (1.4826 x the median absolute deviation). Two
// baselines of the same code on a machine whose load changed between them move together, by as much as
// 2x on a shared 2-core runner; a changed kernel stands out against the others. Measured when both runs
// are baseline runs with at least kMinDriftShapes shapes in common and the measure is time.
struct RunDrift {
  int shapes = 0;
  double change = 0;   // exp(median log ratio) - 1
  double spread = 0;   // of the log ratios around their median
  bool beyond_threshold = false;  // |change| > the threshold: the machine (or every kernel) changed
};
constexpr int kMinDriftShapes = 8;

struct RunComparison {
  RunSideInfo base, next;
  CompareOptions options;
  std::optional<RunDrift> drift;      // baseline against baseline only (see RunDrift)
  std::vector<TaskComparison> tasks;  // by task id, then backend
  int count(TaskOutcomeKind k) const;
  int regressions() const;           // counts_as_regression
  int not_confirmed() const;         // regressions a re-timing did not reproduce
  bool unreliable() const { return base.canary.unreliable || next.canary.unreliable; }
  std::vector<std::string> notes;     // e.g. "the runs were measured on different devices"
};

// A side's status as printed and in JSON: "absent" on the side that lacks the task (outcome added or missing),
// else status_text ("not_attempted" for a listed task never tried).
std::string base_status_text(const TaskComparison& t);
std::string next_status_text(const TaskComparison& t);

// The sides' `db` fields are left empty for the caller, which knows where the runs came from.
RunComparison compare_runs(const RunSubjects& base, const RunSubjects& next, const CompareOptions& options);

// Orders the tasks: by task id and backend (as compare_runs leaves them), or by change, largest
// slowdown first, tasks without a change last.
enum class CompareSort { name, change };
void sort_tasks(RunComparison& c, CompareSort by);
// Worth a row under --only-changed: anything but unchanged.
bool is_change(const TaskComparison& t);

}  // namespace kbench

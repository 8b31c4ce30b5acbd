// Noise-aware comparison of two stored runs (the regression gate behind `kbench compare`).
// Per task and backend: the verdict change (correct -> anything else is always a regression) and, per
// bench shape, the timing change of the kernel judged. A timing change counts only when it exceeds the
// threshold AND the two medians' confidence intervals (from the stored raw samples) do not overlap;
// a change over the threshold inside the noise is reported as "noisy", never as a regression.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/analysis/median_ci.hpp"
#include "results/analysis/run_subjects.hpp"

namespace kbench {

struct CompareOptions {
  double threshold = 0.05;   // relative change of the median that matters (0.05 = 5 %)
  double confidence = 0.95;  // of each median's interval
};

enum class TimingOutcome { unchanged, faster, slower, noisy };
std::string_view outcome_name(TimingOutcome o);

struct ShapeChange {
  std::string shape;
  MedianInterval base, next;
  double change = 0;  // next median / base median - 1
  TimingOutcome outcome = TimingOutcome::unchanged;
};

// The judgement of one pair of timings (also used for the dashboard's history marks).
ShapeChange compare_timing(const std::string& shape, const TimingSummary& base, const TimingSummary& next,
                           const CompareOptions& options);

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
};

struct RunSideInfo {
  std::string db, run_id, kind, started_at, kbench_version, device, compiler, role;
};

struct RunComparison {
  RunSideInfo base, next;
  CompareOptions options;
  std::vector<TaskComparison> tasks;  // by task id, then backend
  int count(TaskOutcomeKind k) const;
  int regressions() const;
  std::vector<std::string> notes;     // e.g. "the runs were measured on different devices"
};

// A side's status as printed and in JSON: "absent" on the side that lacks the task (outcome added or missing),
// else status_text ("not_attempted" for a listed task never tried).
std::string base_status_text(const TaskComparison& t);
std::string next_status_text(const TaskComparison& t);

// The sides' `db` fields are left empty for the caller, which knows where the runs came from.
RunComparison compare_runs(const RunSubjects& base, const RunSubjects& next, const CompareOptions& options);

}  // namespace kbench

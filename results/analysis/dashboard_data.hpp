// Everything `kbench dashboard` shows, gathered from one results database as plain data: run metadata,
// the summary of one focus run (results/report via run_subjects), its roofline points and the device's
// ceilings, per-task timing history across runs with regressions marked (results/run_compare), and for
// LLM runs the best speedup and tokens by turn.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "results/analysis/median_ci.hpp"
#include "results/analysis/report.hpp"
#include "results/analysis/run_compare.hpp"
#include "results/analysis/run_subjects.hpp"
#include "results/store/store.hpp"

namespace kbench {

struct DashboardOptions {
  std::optional<std::string> focus_run;  // default: the latest `kbench run`, else the latest run
  CompareOptions compare;                // how history points are judged
  ReportOptions report;
};

struct DashboardRun {
  RunRecord run;
  std::string role, device, compiler, backend, model;
  int tasks = 0, correct = 0;
};

struct RooflinePoint {
  std::string task_id, shape;
  double intensity = 0;    // FLOP per byte
  double flops_per_s = 0;  // achieved at the median
};

struct RooflineData {
  std::vector<RooflinePoint> points;
  std::optional<double> peak_flops, peak_bytes_per_s;  // derived from the stored fractions when known
};

struct HistoryPoint {
  std::string run_id, started_at;
  std::optional<Status> status;          // the task's best in this run; none: not attempted
  std::optional<MedianInterval> timing;  // absent when this run has no timing at the shape
  bool regression = false;               // against the previous point of the series
  std::string why;                       // "slower +12.3%", "correct -> incorrect"
};

struct TaskHistory {
  std::string task_id, backend, role, shape;
  std::vector<HistoryPoint> points;  // oldest run first
  int regressions = 0;
};

struct TurnProgress {
  int turn = 0;
  int tasks = 0, tasks_correct = 0;             // correct at any turn <= this one
  // Over every task of the run, the speedup of the best kernel there is by this turn: the best correct
  // candidate's where it beats the reference, else the reference's own 1x. Never falls from turn to turn.
  double geomean_best_kernel = 1;
  std::optional<double> geomean_best_speedup;   // over tasks correct by this turn only (can fall as tasks join)
  int calls = 0, cached_calls = 0;
  std::int64_t input_tokens = 0, output_tokens = 0;  // of the calls of this turn actually made
};

struct LlmRunProgress {
  std::string run_id, model;
  std::vector<TurnProgress> turns;
  TokenTotals tokens;
};

struct DashboardData {
  std::string db_path, generated_at, kbench_version;
  CompareOptions compare;               // how the history was judged
  std::vector<DashboardRun> runs;       // oldest first
  std::optional<RunSubjects> focus;     // absent when the database holds no run
  RooflineData roofline;                // of the focus run
  std::vector<double> speedups;         // focus run: best speedup of each correct task
  std::vector<TaskHistory> history;     // by task, backend, role, shape
  std::vector<LlmRunProgress> llm_runs; // runs of kind "run", oldest first
};

DashboardData collect_dashboard_data(ResultStore& store, const DashboardOptions& options = {});

}  // namespace kbench

// Aggregations over a run's stored attempts and LLM calls, shared by `kbench report` and a dashboard:
// per task the best verdict and speedup; per category and overall the correctness rate and fast_p
// (fraction of tasks correct and faster than the reference by more than a factor p); token totals
// and, when prices are given, cost.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/store/store.hpp"

namespace kbench {

struct ReportOptions {
  std::vector<double> fast_p = {0.0, 1.0, 1.5, 2.0};
  std::optional<double> usd_per_mtok_input;   // price per million input tokens
  std::optional<double> usd_per_mtok_output;  // price per million output tokens
  // Attempts judged: "candidate", or "reference" (a baseline run); "" picks the run's own: its candidates when
  // it has any, else its reference kernels (each timed against itself: the speedup is the noise canary).
  std::string role;
};

struct TaskOutcome {
  std::string task_id, category, backend;
  std::optional<Status> best_status;  // of the best attempt (see status_rank); none: not attempted
  std::optional<double> speedup;    // of the best correct attempt
  std::optional<double> vendor_speedup;
  std::string timing_policy;        // the policy the best correct attempt was timed under ("full", "screen"); empty: not said
  std::int64_t best_attempt_id = 0;
  std::optional<int> best_sample, best_turn;
  int attempts = 0;
  int correct_attempts = 0;
};

struct GroupSummary {
  std::string name;  // category, or "overall"
  int tasks = 0;
  int correct = 0;
  double correctness_rate = 0;
  std::map<double, double> fast_p;            // p -> fraction of tasks
  std::optional<double> geomean_speedup;      // over correct tasks
};

struct TokenTotals {
  int calls = 0, failed_calls = 0, cached_calls = 0;
  std::int64_t input_tokens = 0, output_tokens = 0, reasoning_tokens = 0;  // calls actually made (not cached)
  double latency_s = 0;                                                       // summed over calls made
  std::optional<double> cost_usd;
};

struct RunReport {
  std::string run_id, kind, started_at;
  std::string role;  // the attempts reported: candidate, or reference (speedups are then the noise canary)
  std::optional<std::string> finished_at;
  nlohmann::json config;
  std::vector<TaskOutcome> tasks;        // by task id
  std::vector<GroupSummary> categories;  // by name
  GroupSummary overall;
  TokenTotals tokens;
};

// Lower is better: correct < compiled < incorrect < runtime_error < timeout < compile_error < no_code
// < not attempted.
int status_rank(std::optional<Status> status);
// The status's name, "not_attempted" for none (as printed and in JSON).
std::string status_text(std::optional<Status> status);

// Tasks listed in the run's config ("tasks": [...]) count even when no attempt of theirs was stored.
RunReport build_report(ResultStore& store, const std::string& run_id, const ReportOptions& options = {});
nlohmann::json to_json(const RunReport& report);
std::string format_report(const RunReport& report);  // text tables for the terminal

}  // namespace kbench

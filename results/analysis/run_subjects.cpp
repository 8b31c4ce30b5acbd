// load_run_subjects: pick the role a run is judged by, then take results/analysis/report's best attempt per task.
#include "results/analysis/run_subjects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace kbench {

RunSubjects load_run_subjects(ResultStore& store, const std::string& run_id, ReportOptions options) {
  auto run = store.run(run_id);
  if (!run) throw std::invalid_argument(fmt::format("no run '{}' in {}", run_id, store.path().string()));
  RunSubjects out;
  out.run = *run;
  std::map<std::int64_t, AttemptRecord> by_id;
  bool has_candidates = false;
  for (auto& a : store.attempts(run_id)) {
    has_candidates = has_candidates || a.role == "candidate";
    if (out.device.empty() && !a.verdict.device.empty()) out.device = a.verdict.device;
    if (out.compiler.empty() && !a.verdict.compiler.empty()) out.compiler = a.verdict.compiler;
    by_id.emplace(a.id, std::move(a));
  }
  out.role = has_candidates || by_id.empty() ? "candidate" : "reference";
  options.role = out.role;
  out.report = build_report(store, run_id, options);
  for (const TaskOutcome& t : out.report.tasks) {
    RunSubject s;
    s.task_id = t.task_id;
    s.category = t.category;
    s.backend = t.backend;
    s.status = t.best_status;
    if (auto it = by_id.find(t.best_attempt_id); t.best_attempt_id && it != by_id.end()) s.attempt = it->second;
    out.tasks.push_back(std::move(s));
  }
  return out;
}

}  // namespace kbench

// collect_dashboard_data: one pass over the runs of a database, reusing report, run_subjects and run_compare.
#include "results/analysis/dashboard_data.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "core/util/paths.hpp"
#include "results/store/llm_store.hpp"

namespace kbench {
namespace {

DashboardRun describe(const RunSubjects& s) {
  DashboardRun r;
  r.run = s.run;
  r.role = s.role;
  r.device = s.device;
  r.compiler = s.compiler;
  r.backend = s.run.config.value("backend", "");
  r.model = s.run.config.value("model", "");
  r.tasks = s.report.overall.tasks;
  r.correct = s.report.overall.correct;
  return r;
}

RooflineData roofline_of(const RunSubjects& s) {
  RooflineData r;
  for (const auto& t : s.tasks) {
    if (t.status != Status::correct || !t.attempt) continue;
    for (const auto& st : t.attempt->verdict.timings) {
      if (st.bandwidth_fraction && *st.bandwidth_fraction > 0 && !r.peak_bytes_per_s)
        r.peak_bytes_per_s = st.achieved_bytes_per_s / *st.bandwidth_fraction;
      if (st.compute_fraction && *st.compute_fraction > 0 && !r.peak_flops) r.peak_flops = st.achieved_flops / *st.compute_fraction;
      if (st.flops > 0 && st.bytes > 0 && st.achieved_flops > 0)
        r.points.push_back({t.task_id, st.shape, st.flops / st.bytes, st.achieved_flops});
    }
  }
  return r;
}

using SeriesKey = std::tuple<std::string, std::string, std::string, std::string>;  // task, backend, role, shape

// Appends this run's point to every series of its tasks, judging it against the series' previous point.
void extend_history(std::map<SeriesKey, TaskHistory>& series, std::map<SeriesKey, TimingSummary>& last_timing,
                    const RunSubjects& s, const CompareOptions& options) {
  for (const auto& t : s.tasks) {
    std::vector<std::pair<std::string, const TimingSummary*>> shapes;
    if (t.attempt && t.status == Status::correct)
      for (const auto& st : t.attempt->verdict.timings) shapes.emplace_back(st.shape, &st.candidate);
    // A task without timing in this run still extends the series it already has (as a gap).
    if (shapes.empty())
      for (auto& [key, h] : series)
        if (std::get<0>(key) == t.task_id && std::get<1>(key) == t.backend && std::get<2>(key) == s.role)
          shapes.emplace_back(std::get<3>(key), nullptr);
    for (const auto& [shape, timing] : shapes) {
      const SeriesKey key{t.task_id, t.backend, s.role, shape};
      auto [it, fresh] = series.try_emplace(key);
      TaskHistory& h = it->second;
      if (fresh) h = {t.task_id, t.backend, s.role, shape, {}, 0};
      HistoryPoint p{s.run.id, s.run.started_at, t.status, std::nullopt, false, ""};
      const HistoryPoint* prev = h.points.empty() ? nullptr : &h.points.back();
      if (timing) p.timing = median_interval(*timing, options.confidence);
      if (prev && prev->status == Status::correct && t.status != Status::correct) {
        p.regression = true;
        p.why = "correct -> " + status_text(t.status);
      } else if (timing && prev && prev->timing && last_timing.count(key)) {
        const ShapeChange c = compare_timing(shape, last_timing.at(key), *timing, options);
        p.why = fmt::format("{} {:+.1f}%", outcome_name(c.outcome), 100 * c.change);
        p.regression = c.outcome == TimingOutcome::slower;
      }
      if (timing) last_timing[key] = *timing;
      h.regressions += p.regression ? 1 : 0;
      h.points.push_back(std::move(p));
    }
  }
}

LlmRunProgress llm_progress(ResultStore& store, const RunSubjects& s) {
  LlmRunProgress r;
  r.run_id = s.run.id;
  r.model = s.run.config.value("model", "");
  r.tokens = s.report.tokens;
  std::set<int> turns;
  std::map<std::string, std::map<int, double>> best_by_task_turn;  // task -> turn -> best speedup at that turn
  for (const auto& a : store.attempts(s.run.id)) {
    if (a.role != "candidate" || !a.turn) continue;
    turns.insert(*a.turn);
    if (!a.verdict.ok()) continue;
    double& best = best_by_task_turn[a.task_id][*a.turn];
    best = std::max(best, a.verdict.speedup.value_or(0));
  }
  std::map<int, TurnProgress> by_turn;
  for (const auto& call : LlmStore(store.database()).calls(s.run.id)) {
    if (!call.turn) continue;
    turns.insert(*call.turn);
    TurnProgress& t = by_turn[*call.turn];
    ++t.calls;
    if (call.cached) {
      ++t.cached_calls;
      continue;
    }
    t.input_tokens += call.input_tokens;
    t.output_tokens += call.output_tokens;
  }
  for (int turn : turns) {
    TurnProgress t = by_turn[turn];
    t.turn = turn;
    t.tasks = s.report.overall.tasks;
    double log_sum = 0, log_best_kernel = 0;
    int timed = 0;
    for (const auto& [task, per_turn] : best_by_task_turn) {
      double best = 0;
      bool correct = false;
      for (const auto& [k, v] : per_turn)
        if (k <= turn) correct = true, best = std::max(best, v);
      if (!correct) continue;
      ++t.tasks_correct;
      if (best > 0) log_sum += std::log(best), ++timed;
      log_best_kernel += std::log(std::max(1.0, best));  // tasks with no faster candidate add log(1) = 0
    }
    if (timed) t.geomean_best_speedup = std::exp(log_sum / timed);
    if (t.tasks > 0) t.geomean_best_kernel = std::exp(log_best_kernel / t.tasks);
    r.turns.push_back(t);
  }
  return r;
}

}  // namespace

DashboardData collect_dashboard_data(ResultStore& store, const DashboardOptions& options) {
  DashboardData d;
  d.db_path = store.path().string();
  d.generated_at = utc_now_iso();
  d.kbench_version = kbench_version();
  d.compare = options.compare;
  std::optional<std::string> focus = options.focus_run;
  if (focus && !store.run(*focus)) throw std::invalid_argument(fmt::format("no run '{}' in {}", *focus, d.db_path));
  if (!focus) focus = store.latest_run_id("run");
  if (!focus) focus = store.latest_run_id();
  std::map<SeriesKey, TaskHistory> series;
  std::map<SeriesKey, TimingSummary> last_timing;
  for (const auto& run : store.runs()) {
    RunSubjects s = load_run_subjects(store, run.id, options.report);
    d.runs.push_back(describe(s));
    extend_history(series, last_timing, s, options.compare);
    if (run.kind == "run") d.llm_runs.push_back(llm_progress(store, s));
    if (focus && run.id == *focus) {
      d.roofline = roofline_of(s);
      for (const auto& t : s.report.tasks)
        if (t.best_status == Status::correct && t.speedup) d.speedups.push_back(*t.speedup);
      d.focus = std::move(s);
    }
  }
  for (auto& [key, h] : series) d.history.push_back(std::move(h));
  return d;
}

}  // namespace kbench

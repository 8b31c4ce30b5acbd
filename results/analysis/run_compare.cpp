// compare_runs: pair tasks of two runs, judge verdict flips and per-shape timing changes against noise.
#include "results/analysis/run_compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace kbench {

std::string_view outcome_name(TimingOutcome o) {
  switch (o) {
    case TimingOutcome::unchanged: return "unchanged";
    case TimingOutcome::faster: return "faster";
    case TimingOutcome::slower: return "slower";
    case TimingOutcome::noisy: return "noisy";
  }
  return "?";
}

std::string_view outcome_name(TaskOutcomeKind k) {
  switch (k) {
    case TaskOutcomeKind::regressed_verdict: return "regressed_verdict";
    case TaskOutcomeKind::regressed_time: return "regressed_time";
    case TaskOutcomeKind::fixed: return "fixed";
    case TaskOutcomeKind::improved: return "improved";
    case TaskOutcomeKind::noisy: return "noisy";
    case TaskOutcomeKind::unchanged: return "unchanged";
    case TaskOutcomeKind::still_failing: return "still_failing";
    case TaskOutcomeKind::no_timing: return "no_timing";
    case TaskOutcomeKind::added: return "added";
    case TaskOutcomeKind::missing: return "missing";
  }
  return "?";
}

bool is_regression(TaskOutcomeKind k) {
  return k == TaskOutcomeKind::regressed_verdict || k == TaskOutcomeKind::regressed_time;
}

std::string base_status_text(const TaskComparison& t) {
  return t.outcome == TaskOutcomeKind::added ? "absent" : status_text(t.base_status);
}

std::string next_status_text(const TaskComparison& t) {
  return t.outcome == TaskOutcomeKind::missing ? "absent" : status_text(t.next_status);
}

int RunComparison::count(TaskOutcomeKind k) const {
  return static_cast<int>(std::count_if(tasks.begin(), tasks.end(), [k](const TaskComparison& t) { return t.outcome == k; }));
}

int RunComparison::regressions() const {
  return static_cast<int>(
      std::count_if(tasks.begin(), tasks.end(), [](const TaskComparison& t) { return is_regression(t.outcome); }));
}

ShapeChange compare_timing(const std::string& shape, const TimingSummary& base, const TimingSummary& next,
                           const CompareOptions& options) {
  if (!(options.threshold >= 0)) throw std::invalid_argument("the threshold must be >= 0");
  ShapeChange c;
  c.shape = shape;
  c.base = median_interval(base, options.confidence);
  c.next = median_interval(next, options.confidence);
  if (!(c.base.median > 0) || !(c.next.median > 0)) return c;  // nothing measured: cannot judge
  c.change = c.next.median / c.base.median - 1;
  const bool over_threshold = std::abs(c.change) > options.threshold;
  const bool disjoint = c.next.low > c.base.high || c.next.high < c.base.low;
  if (!over_threshold)
    c.outcome = TimingOutcome::unchanged;
  else if (!disjoint)
    c.outcome = TimingOutcome::noisy;
  else
    c.outcome = c.change > 0 ? TimingOutcome::slower : TimingOutcome::faster;
  return c;
}

namespace {

using Key = std::pair<std::string, std::string>;  // task, backend

std::map<Key, const RunSubject*> index(const RunSubjects& s) {
  std::map<Key, const RunSubject*> m;
  for (const auto& t : s.tasks) m[{t.task_id, t.backend}] = &t;
  return m;
}

RunSideInfo info(const RunSubjects& s) {
  return {"", s.run.id, s.run.kind, s.run.started_at, s.run.kbench_version, s.device, s.compiler, s.role};
}

// The shape whose change decides a task: the worst slowdown, else any noisy one, else the best speedup.
void judge_timings(TaskComparison& t) {
  auto pick = [&](TimingOutcome o, bool largest) {
    int best = -1;
    for (int i = 0; i < static_cast<int>(t.shapes.size()); ++i) {
      if (t.shapes[i].outcome != o) continue;
      if (best < 0 || (largest ? t.shapes[i].change > t.shapes[best].change : t.shapes[i].change < t.shapes[best].change))
        best = i;
    }
    return best;
  };
  struct Rule {
    TimingOutcome shape;
    bool largest;
    TaskOutcomeKind task;
  };
  for (const Rule& r : {Rule{TimingOutcome::slower, true, TaskOutcomeKind::regressed_time},
                        Rule{TimingOutcome::noisy, true, TaskOutcomeKind::noisy},
                        Rule{TimingOutcome::faster, false, TaskOutcomeKind::improved}}) {
    if (int i = pick(r.shape, r.largest); i >= 0) {
      t.outcome = r.task;
      t.deciding_shape = i;
      t.change = t.shapes[i].change;
      return;
    }
  }
  t.outcome = TaskOutcomeKind::unchanged;
  if (!t.shapes.empty()) {
    int i = 0;  // the largest change in magnitude, for the table
    for (int k = 1; k < static_cast<int>(t.shapes.size()); ++k)
      if (std::abs(t.shapes[k].change) > std::abs(t.shapes[i].change)) i = k;
    t.deciding_shape = i;
    t.change = t.shapes[i].change;
  }
}

TaskComparison compare_task(const RunSubject* base, const RunSubject* next, const CompareOptions& options) {
  TaskComparison t;
  const RunSubject* any = base ? base : next;
  t.task_id = any->task_id;
  t.backend = any->backend;
  if (base) t.base_status = base->status;
  if (next) t.next_status = next->status;
  if (!base) {
    t.outcome = TaskOutcomeKind::added;
    return t;
  }
  if (!next) {
    t.outcome = TaskOutcomeKind::missing;
    return t;
  }
  const bool was_ok = t.base_status == Status::correct, is_ok = t.next_status == Status::correct;
  if (was_ok && !is_ok) {
    t.outcome = TaskOutcomeKind::regressed_verdict;
    return t;
  }
  if (!was_ok) {
    t.outcome = is_ok ? TaskOutcomeKind::fixed : TaskOutcomeKind::still_failing;
    return t;
  }
  if (!base->attempt || !next->attempt) {
    t.outcome = TaskOutcomeKind::no_timing;
    return t;
  }
  // Both correct: compare the timed kernel (the candidate slot, which holds the reference in a baseline run).
  std::map<std::string, const ShapeTiming*> base_shapes;
  for (const auto& st : base->attempt->verdict.timings) base_shapes[st.shape] = &st;
  for (const auto& st : next->attempt->verdict.timings)
    if (auto it = base_shapes.find(st.shape); it != base_shapes.end())
      t.shapes.push_back(compare_timing(st.shape, it->second->candidate, st.candidate, options));
  if (t.shapes.empty()) {
    t.outcome = TaskOutcomeKind::no_timing;
    return t;
  }
  judge_timings(t);
  return t;
}

}  // namespace

RunComparison compare_runs(const RunSubjects& base, const RunSubjects& next, const CompareOptions& options) {
  if (!(options.confidence > 0 && options.confidence < 1)) throw std::invalid_argument("the confidence must lie in (0, 1)");
  if (!(options.threshold >= 0)) throw std::invalid_argument("the threshold must be >= 0");
  RunComparison r;
  r.base = info(base);
  r.next = info(next);
  r.options = options;
  const auto b = index(base), n = index(next);
  std::map<Key, std::pair<const RunSubject*, const RunSubject*>> both;
  for (const auto& [k, s] : b) both[k].first = s;
  for (const auto& [k, s] : n) both[k].second = s;
  for (const auto& [k, pair] : both) r.tasks.push_back(compare_task(pair.first, pair.second, options));
  if (!r.base.device.empty() && !r.next.device.empty() && r.base.device != r.next.device)
    r.notes.push_back("the runs were measured on different devices ('" + r.base.device + "' and '" + r.next.device +
                      "'): timing changes may reflect the machines, not the kernels");
  if (r.base.role != r.next.role)
    r.notes.push_back("the base run judges " + r.base.role + " kernels and the new run " + r.next.role +
                      " kernels: timings compare different code");
  return r;
}

}  // namespace kbench

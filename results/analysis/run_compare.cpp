// compare_runs: pair tasks of two runs, judge verdict flips and per-shape timing changes against noise.
#include "results/analysis/run_compare.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "results/analysis/gate_samples.hpp"
#include "results/analysis/mann_whitney.hpp"

namespace kbench {

std::string_view measure_name(GateMeasure m) { return m == GateMeasure::time ? "time" : "speedup"; }

std::string_view confirmation_name(Confirmation c) {
  switch (c) {
    case Confirmation::not_checked: return "not_checked";
    case Confirmation::confirmed: return "confirmed";
    case Confirmation::not_confirmed: return "not_confirmed";
  }
  return "?";
}

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

bool TaskComparison::counts_as_regression() const {
  return is_regression(outcome) && confirmation != Confirmation::not_confirmed;
}

int RunComparison::regressions() const {
  return static_cast<int>(std::count_if(tasks.begin(), tasks.end(), [](const TaskComparison& t) { return t.counts_as_regression(); }));
}

int RunComparison::not_confirmed() const {
  return static_cast<int>(std::count_if(tasks.begin(), tasks.end(), [](const TaskComparison& t) {
    return t.confirmation == Confirmation::not_confirmed;
  }));
}

namespace {

void check_options(const CompareOptions& o) {
  if (!(o.threshold >= 0)) throw std::invalid_argument("the threshold must be >= 0");
  if (!(o.alpha > 0 && o.alpha < 1)) throw std::invalid_argument("alpha must lie in (0, 1)");
  if (!(o.canary_limit >= 0)) throw std::invalid_argument("the canary limit must be >= 0");
}

// Significant at `alpha`: the test rejects; or, where the samples are too few for the test ever to reject
// (3 against 3 reach p = 0.08 at best), every sample of one side lies beyond every sample of the other.
bool significant(const std::vector<double>& a, const std::vector<double>& b, double p, double alpha) {
  if (p < alpha) return true;
  if (a.empty() || b.empty()) return false;
  std::vector<double> low, high;
  for (std::size_t i = 0; i < a.size(); ++i) low.push_back(static_cast<double>(i));
  for (std::size_t i = 0; i < b.size(); ++i) high.push_back(static_cast<double>(a.size() + i));
  if (mann_whitney_u(low, high).p_value < alpha) return false;  // the test could have rejected: it decides
  const auto [amin, amax] = std::minmax_element(a.begin(), a.end());
  const auto [bmin, bmax] = std::minmax_element(b.begin(), b.end());
  return *bmin > *amax || *bmax < *amin;
}

// The judgement of two sample sets of one measure (medians, test, floor) into `c`.
void judge(ShapeChange& c, const std::vector<double>& base, const std::vector<double>& next, const CompareOptions& o) {
  c.base_value = median_of(base);
  c.next_value = median_of(next);
  if (!(c.base_value > 0) || !(c.next_value > 0)) return;  // nothing measured: cannot judge
  c.change = c.next_value / c.base_value - 1;
  const std::vector<double> a = block_medians(base), b = block_medians(next);
  c.base_tested = static_cast<int>(a.size());
  c.next_tested = static_cast<int>(b.size());
  c.p_value = mann_whitney_u(a, b).p_value;
  if (std::abs(c.change) <= o.threshold)
    c.outcome = TimingOutcome::unchanged;
  else if (std::abs(c.change) <= c.noise_floor || !significant(a, b, c.p_value, o.alpha))
    c.outcome = TimingOutcome::noisy;
  else
    c.outcome = c.change > 0 ? TimingOutcome::slower : TimingOutcome::faster;
}

double canary_deviation(const ShapeTiming& st) {
  if (!(st.candidate.median_ns > 0) || !(st.reference.median_ns > 0)) return 0;
  return std::abs(st.candidate.median_ns / st.reference.median_ns - 1);
}

}  // namespace

ShapeChange compare_timing(const std::string& shape, const TimingSummary& base, const TimingSummary& next,
                           const CompareOptions& options, double noise_floor, std::string noise_from) {
  check_options(options);
  ShapeChange c;
  c.shape = shape;
  c.base = median_interval(base, options.confidence);
  c.next = median_interval(next, options.confidence);
  c.noise_floor = noise_floor;
  c.noise_from = noise_floor > 0 ? std::move(noise_from) : "";
  judge(c, raw_or_median(base), raw_or_median(next), options);
  return c;
}

ShapeChange compare_shape(const ShapeTiming& base, const ShapeTiming& next, bool base_self, bool next_self,
                          const CompareOptions& options) {
  double floor = 0;
  std::string from;
  if (base_self || next_self) {  // the canary: the same kernel timed twice in one run
    floor = std::max(base_self ? canary_deviation(base) : 0.0, next_self ? canary_deviation(next) : 0.0);
    from = "canary";
  } else if (options.measure == GateMeasure::time && base.reference.median_ns > 0 && next.reference.median_ns > 0) {
    floor = std::abs(next.reference.median_ns / base.reference.median_ns - 1);  // the same reference, two runs
    from = "reference drift";
  }
  if (options.measure == GateMeasure::time) return compare_timing(base.shape, base.candidate, next.candidate, options, floor, from);
  check_options(options);
  ShapeChange c;
  c.shape = base.shape;
  c.base = median_interval(base.candidate, options.confidence);
  c.next = median_interval(next.candidate, options.confidence);
  c.noise_floor = floor;
  c.noise_from = floor > 0 ? from : "";
  judge(c, relative_samples(base.candidate, base.reference), relative_samples(next.candidate, next.reference), options);
  return c;
}

void apply_confirmation(TaskComparison& t, const Retiming& r, const CompareOptions& options) {
  auto value = [&](const ShapeTiming& st) {
    return options.measure == GateMeasure::time ? median_of(raw_or_median(st.candidate))
                                                : median_of(relative_samples(st.candidate, st.reference));
  };
  auto pooled = [&](const std::vector<ShapeTiming>& side) {
    std::vector<double> out;
    for (const auto& st : side) {
      const auto s = options.measure == GateMeasure::time ? raw_or_median(st.candidate) : relative_samples(st.candidate, st.reference);
      const auto b = block_medians(s, std::max<std::size_t>(1, kGateBlocks / std::max<std::size_t>(1, side.size())));
      out.insert(out.end(), b.begin(), b.end());
    }
    return out;
  };
  if (r.base.empty() || r.next.empty()) {
    t.confirmation = Confirmation::not_confirmed;
    t.confirmation_detail = "the re-timing measured nothing";
    return;
  }
  std::vector<double> base_values, next_values;
  for (const auto& st : r.base) base_values.push_back(value(st));
  for (const auto& st : r.next) next_values.push_back(value(st));
  const double base_median = median_of(base_values), next_median = median_of(next_values);
  const double change = base_median > 0 ? next_median / base_median - 1 : 0;
  const std::vector<double> pooled_base = pooled(r.base), pooled_next = pooled(r.next);
  const double p = mann_whitney_u(pooled_base, pooled_next).p_value;
  // The processes, one value each, must differ too: by Mann-Whitney where that many can reject at alpha
  // (4 or more a side at 0.01), else by every new process being slower than every base one. Complete
  // separation alone got harder with every round added (1.3x: 3 of 10 confirmed at 3 rounds, 0 at 6).
  const double p_processes = mann_whitney_u(base_values, next_values).p_value;
  const bool ordered = *std::min_element(next_values.begin(), next_values.end()) > *std::max_element(base_values.begin(), base_values.end());
  const bool processes_differ = significant(base_values, next_values, p_processes, options.alpha);
  const bool confirmed = change > options.threshold && significant(pooled_base, pooled_next, p, options.alpha) && processes_differ;
  t.confirmation = confirmed ? Confirmation::confirmed : Confirmation::not_confirmed;
  t.confirmation_detail = fmt::format("re-timed {} x {} interleaved: {:+.1f}%, p = {:.2g}, processes p = {:.2g}, {}", r.base.size(),
                                      r.next.size(), 100 * change, p, p_processes,
                                      ordered ? "every new process slower" : "the processes overlap");
}

namespace {

using Key = std::pair<std::string, std::string>;  // task, backend

std::map<Key, const RunSubject*> index(const RunSubjects& s) {
  std::map<Key, const RunSubject*> m;
  for (const auto& t : s.tasks) m[{t.task_id, t.backend}] = &t;
  return m;
}

RunCanary canary(const RunSubjects& s, const CompareOptions& o) {
  RunCanary c;
  if (s.role != "reference") return c;
  std::vector<double> deviations;
  for (const auto& t : s.tasks) {
    if (!t.attempt || t.status != Status::correct) continue;
    for (const auto& st : t.attempt->verdict.timings) {
      if (!(st.candidate.median_ns > 0) || !(st.reference.median_ns > 0)) continue;
      const double ratio = st.candidate.median_ns / st.reference.median_ns;
      deviations.push_back(std::abs(ratio - 1));
      if (std::abs(std::log(ratio)) > std::abs(std::log(c.worst_ratio))) {
        c.worst_ratio = ratio;
        c.worst_task = t.task_id + " " + st.shape;
      }
    }
  }
  if (deviations.empty()) return c;
  c.available = true;
  c.shapes = static_cast<int>(deviations.size());
  c.median_deviation = median_of(deviations);
  c.unreliable = c.median_deviation > o.canary_limit;
  return c;
}

RunSideInfo info(const RunSubjects& s, const CompareOptions& o) {
  RunSideInfo i;
  i.run_id = s.run.id;
  i.kind = s.run.kind;
  i.started_at = s.run.started_at;
  i.kbench_version = s.run.kbench_version;
  i.device = s.device;
  i.compiler = s.compiler;
  i.role = s.role;
  i.label = s.run.label;
  i.git_commit = s.run.git_commit;
  i.git_dirty = s.run.git_dirty;
  i.canary = canary(s, o);
  return i;
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

TaskComparison compare_task(const RunSubject* base, const RunSubject* next, bool base_self, bool next_self,
                            const CompareOptions& options) {
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
      t.shapes.push_back(compare_shape(*it->second, st, base_self, next_self, options));
  if (t.shapes.empty()) {
    t.outcome = TaskOutcomeKind::no_timing;
    return t;
  }
  judge_timings(t);
  return t;
}

// Baseline against baseline: a shape's change counts only beyond the run-wide drift (RunDrift) by more
// than the threshold, three spreads and its own noise floor; what stays inside becomes noisy, its floor
// naming the drift. A task's outcome is judged again from its shapes.
void apply_run_drift(RunComparison& r, const CompareOptions& options) {
  std::vector<double> logs;
  for (const auto& t : r.tasks)
    for (const auto& sc : t.shapes)
      if (sc.base_value > 0 && sc.next_value > 0) logs.push_back(std::log1p(sc.change));
  if (static_cast<int>(logs.size()) < kMinDriftShapes) return;
  const double center = median_of(logs);
  std::vector<double> deviations;
  for (double l : logs) deviations.push_back(std::abs(l - center));
  RunDrift d;
  d.shapes = static_cast<int>(logs.size());
  d.change = std::expm1(center);
  d.spread = 1.4826 * median_of(deviations);
  d.beyond_threshold = std::abs(d.change) > options.threshold;
  r.drift = d;
  for (auto& t : r.tasks) {
    bool changed = false;
    for (auto& sc : t.shapes) {
      if (sc.outcome != TimingOutcome::slower && sc.outcome != TimingOutcome::faster) continue;
      const double beyond = std::log1p(sc.change) - center;
      const double allowed = std::max({std::log1p(options.threshold), 3 * d.spread, std::log1p(sc.noise_floor)});
      if (std::abs(beyond) > allowed) continue;
      sc.outcome = TimingOutcome::noisy;
      sc.noise_floor = std::expm1(std::abs(center) + allowed);
      sc.noise_from = "run-wide drift";
      changed = true;
    }
    if (changed) judge_timings(t);
  }
  if (d.beyond_threshold)
    r.notes.push_back(fmt::format("the whole run moved {:+.1f}% (median over {} shapes, spread {:.1f}%): the machine's speed "
                                  "changed between the runs, or every kernel did; each task is judged against that drift, so a "
                                  "change of every kernel alike cannot show (--fail-on-drift exits 1 on it; --confirm re-times)",
                                  100 * d.change, d.shapes, 100 * d.spread));
}

}  // namespace

RunComparison compare_runs(const RunSubjects& base, const RunSubjects& next, const CompareOptions& options) {
  if (!(options.confidence > 0 && options.confidence < 1)) throw std::invalid_argument("the confidence must lie in (0, 1)");
  check_options(options);
  RunComparison r;
  r.base = info(base, options);
  r.next = info(next, options);
  r.options = options;
  const auto b = index(base), n = index(next);
  std::map<Key, std::pair<const RunSubject*, const RunSubject*>> both;
  for (const auto& [k, s] : b) both[k].first = s;
  for (const auto& [k, s] : n) both[k].second = s;
  const bool base_self = base.role == "reference", next_self = next.role == "reference";
  for (const auto& [k, pair] : both) r.tasks.push_back(compare_task(pair.first, pair.second, base_self, next_self, options));
  if (base_self && next_self && options.measure == GateMeasure::time) apply_run_drift(r, options);
  if (!r.base.device.empty() && !r.next.device.empty() && r.base.device != r.next.device)
    r.notes.push_back("the runs were measured on different devices ('" + r.base.device + "' and '" + r.next.device +
                      "'): timing changes may reflect the machines, not the kernels");
  if (options.measure == GateMeasure::speedup && (base_self || next_self))
    r.notes.push_back("--measure speedup on a baseline run compares the reference with itself (about 1x on both sides): "
                      "a change of the reference kernel cannot show");
  for (const RunSideInfo* side : {&r.base, &r.next})
    if (side->canary.unreliable)
      r.notes.push_back(fmt::format("UNRELIABLE: run {} timed its reference kernels against themselves {:.1f}% apart (median over "
                                    "{} shapes; worst {:.2f}x on {}), over the {:g}% canary limit: this machine's noise hides "
                                    "changes of that size",
                                    side->run_id, 100 * side->canary.median_deviation, side->canary.shapes,
                                    side->canary.worst_ratio, side->canary.worst_task, 100 * options.canary_limit));
  // Issue 16: screened timings hold fewer samples than full ones, so their spread (and the gate's noise) differ.
  auto policies = [](const RunSubjects& side) {
    std::set<std::string> names;
    for (const auto& t : side.tasks)
      if (t.attempt && !t.attempt->verdict.timings.empty() && !t.attempt->verdict.timing_policy.empty())
        names.insert(t.attempt->verdict.timing_policy);
    return names;
  };
  if (const auto bp = policies(base), np = policies(next); !bp.empty() && !np.empty() && bp != np)
    r.notes.push_back(fmt::format("the base run was timed under the {} timing policy and the new run under {}: screened "
                                  "timings hold fewer samples, so their spread differs from full ones",
                                  fmt::join(bp, "+"), fmt::join(np, "+")));
  if (r.base.role != r.next.role)
    r.notes.push_back("the base run judges " + r.base.role + " kernels and the new run " + r.next.role +
                      " kernels: timings compare different code");
  return r;
}

void sort_tasks(RunComparison& c, CompareSort by) {
  auto key = [](const TaskComparison& t) { return std::make_pair(t.task_id, t.backend); };
  if (by == CompareSort::name) {
    std::stable_sort(c.tasks.begin(), c.tasks.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    return;
  }
  auto rank = [](const TaskComparison& t) {  // verdict regressions first, then the largest slowdown
    if (t.outcome == TaskOutcomeKind::regressed_verdict) return std::numeric_limits<double>::infinity();
    return t.change ? *t.change : -std::numeric_limits<double>::infinity();
  };
  std::stable_sort(c.tasks.begin(), c.tasks.end(), [&](const auto& a, const auto& b) { return rank(a) > rank(b); });
}

bool is_change(const TaskComparison& t) { return t.outcome != TaskOutcomeKind::unchanged; }

}  // namespace kbench

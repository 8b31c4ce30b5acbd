// Text, Markdown, JSON and CSV renderings of a RunComparison.
#include "results/render/compare_printers.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/util/format.hpp"
#include "results/render/csv.hpp"

namespace kbench {
namespace {

using nlohmann::json;

std::string ns_text(double ns) { return format_duration_ns(ns, DurationStyle::compare); }

std::string change_text(const TaskComparison& t) {
  return t.change ? fmt::format("{:+.1f}%", 100 * *t.change) : "-";
}

const ShapeChange* deciding(const TaskComparison& t) {
  return t.deciding_shape >= 0 ? &t.shapes[static_cast<std::size_t>(t.deciding_shape)] : nullptr;
}

std::string verdict_text(const TaskComparison& t) {
  const std::string base = base_status_text(t), next = next_status_text(t);
  return base == next ? base : base + " -> " + next;
}

std::string floor_text(const ShapeChange& s) {
  return s.noise_floor > 0 ? fmt::format(", over the {} noise of {:.1f}%", s.noise_from, 100 * s.noise_floor) : "";
}

// Why a task got its outcome, in a few words.
std::string reason(const TaskComparison& t, const CompareOptions& o) {
  const ShapeChange* s = deciding(t);
  switch (t.outcome) {
    case TaskOutcomeKind::regressed_verdict: return "was correct, now " + next_status_text(t);
    case TaskOutcomeKind::regressed_time:
      if (t.confirmation != Confirmation::not_checked)
        return fmt::format("{}: {}", t.confirmation == Confirmation::confirmed ? "confirmed" : "NOT CONFIRMED, not counted",
                           t.confirmation_detail);
      if (!t.confirmation_detail.empty())
        return fmt::format("over {:g}%{}, p = {:.2g}; {}", 100 * o.threshold, floor_text(*s), s->p_value, t.confirmation_detail);
      [[fallthrough]];
    case TaskOutcomeKind::improved:
      return fmt::format("over {:g}%{} and significant (p = {:.2g})", 100 * o.threshold, floor_text(*s), s->p_value);
    case TaskOutcomeKind::noisy:
      if (std::abs(s->change) <= s->noise_floor)
        return fmt::format("over {:g}% but inside the {} noise of {:.1f}%", 100 * o.threshold, s->noise_from, 100 * s->noise_floor);
      return fmt::format("over {:g}% but not significant (p = {:.2g} over {} vs {} blocks; {} [{}, {}] vs {} [{}, {}])",
                         100 * o.threshold, s->p_value, s->base_tested, s->next_tested, ns_text(s->base.median),
                         ns_text(s->base.low), ns_text(s->base.high), ns_text(s->next.median), ns_text(s->next.low),
                         ns_text(s->next.high));
    case TaskOutcomeKind::unchanged: return fmt::format("within {:g}%", 100 * o.threshold);
    case TaskOutcomeKind::fixed: return "now correct";
    case TaskOutcomeKind::still_failing: return "not correct on either side";
    case TaskOutcomeKind::no_timing: return "no bench shape timed on both sides";
    case TaskOutcomeKind::added: return "only in the new run";
    case TaskOutcomeKind::missing: return "only in the base run";
  }
  return "";
}

std::string label(const TaskComparison& t) {
  if (t.confirmation == Confirmation::not_confirmed) return "not confirmed";
  return is_regression(t.outcome) ? "REGRESSED" : std::string(outcome_name(t.outcome));
}

std::string summary_line(const RunComparison& c) {
  return fmt::format("{} regressed ({} verdict, {} timing{}), {} improved, {} fixed, {} noisy, {} unchanged, {} still failing, "
                     "{} without timing, {} added, {} missing{}",
                     c.regressions(), c.count(TaskOutcomeKind::regressed_verdict),
                     c.count(TaskOutcomeKind::regressed_time) - c.not_confirmed(),
                     c.not_confirmed() ? fmt::format("; {} more not confirmed by the re-timing", c.not_confirmed()) : "",
                     c.count(TaskOutcomeKind::improved), c.count(TaskOutcomeKind::fixed), c.count(TaskOutcomeKind::noisy),
                     c.count(TaskOutcomeKind::unchanged), c.count(TaskOutcomeKind::still_failing),
                     c.count(TaskOutcomeKind::no_timing), c.count(TaskOutcomeKind::added), c.count(TaskOutcomeKind::missing),
                     c.unreliable() ? " (UNRELIABLE: see the notes)" : "");
}

std::string provenance(const RunSideInfo& s) {
  std::string out;
  if (!s.label.empty()) out += " label " + s.label;
  if (!s.git_commit.empty()) out += " commit " + s.git_commit.substr(0, 12) + (s.git_dirty.value_or(false) ? "+dirty" : "");
  return out;
}

bool shown(const TaskComparison& t, const ComparePrint& p) { return !p.only_changed || is_change(t); }

std::string gate_line(const CompareOptions& o) {
  return fmt::format("a {} change counts when over {:g}%, over the measured noise (canary or reference drift) and significant "
                     "(Mann-Whitney on block medians, p < {:g})",
                     measure_name(o.measure), 100 * o.threshold, o.alpha);
}

std::string side_line(const char* name, const RunSideInfo& s) {
  return fmt::format("{} {}:{} ({}, {} kernels, {}{}){}", name, s.db, s.run_id, s.kind, s.role, s.started_at, provenance(s),
                     s.device.empty() ? "" : " on " + s.device);
}

json canary_json(const RunCanary& c) {
  if (!c.available) return nullptr;
  return {{"shapes", c.shapes}, {"median_deviation", c.median_deviation}, {"worst_ratio", c.worst_ratio},
          {"worst", c.worst_task}, {"unreliable", c.unreliable}};
}

json interval_json(const MedianInterval& m) {
  return {{"median_ns", m.median}, {"low_ns", m.low}, {"high_ns", m.high}, {"samples", m.samples}, {"method", m.method}};
}

json side_json(const RunSideInfo& s) {
  return {{"db", s.db},           {"run", s.run_id},         {"kind", s.kind},         {"started_at", s.started_at},
          {"kbench_version", s.kbench_version}, {"device", s.device}, {"compiler", s.compiler}, {"role", s.role},
          {"label", s.label.empty() ? json() : json(s.label)}, {"git_commit", s.git_commit.empty() ? json() : json(s.git_commit)},
          {"git_dirty", s.git_dirty ? json(*s.git_dirty) : json()}, {"canary", canary_json(s.canary)}};
}

}  // namespace

std::string format_comparison_text(const RunComparison& c, const ComparePrint& print) {
  std::string out = side_line("base", c.base) + "\n" + side_line("new ", c.next) + "\n";
  out += gate_line(c.options) + "\n";
  for (const auto& n : c.notes) out += "note: " + n + "\n";
  out += fmt::format("\n{:<36} {:<8} {:<28} {:>10} {:>10} {:>8}  {:<17} {}\n", "task", "backend", "verdict", "base", "new",
                     "change", "result", "why");
  for (const auto& t : c.tasks) {
    if (!shown(t, print)) continue;
    const ShapeChange* s = deciding(t);
    out += fmt::format("{:<36} {:<8} {:<28} {:>10} {:>10} {:>8}  {:<17} {}\n", t.task_id, t.backend, verdict_text(t),
                       s ? ns_text(s->base.median) : "-", s ? ns_text(s->next.median) : "-", change_text(t),
                       label(t), reason(t, c.options));
  }
  return out + "\n" + summary_line(c) + "\n";
}

std::string format_comparison_markdown(const RunComparison& c, const ComparePrint& print) {
  const int reg = c.regressions();
  std::string out = reg ? fmt::format("### kbench compare: {} regression{}\n\n", reg, reg == 1 ? "" : "s")
                        : std::string("### kbench compare: no regression\n\n");
  out += fmt::format("- base: `{}` run `{}` ({}, {} kernels, {}{}){}\n", c.base.db, c.base.run_id, c.base.kind, c.base.role,
                     c.base.started_at, provenance(c.base), c.base.device.empty() ? "" : ", " + c.base.device);
  out += fmt::format("- new: `{}` run `{}` ({}, {} kernels, {}{}){}\n", c.next.db, c.next.run_id, c.next.kind, c.next.role,
                     c.next.started_at, provenance(c.next), c.next.device.empty() ? "" : ", " + c.next.device);
  out += "- " + gate_line(c.options) + "\n";
  for (const auto& n : c.notes) out += "- note: " + n + "\n";
  out += "\n| task | backend | verdict | base | new | change | result | why |\n|---|---|---|---:|---:|---:|---|---|\n";
  for (const auto& t : c.tasks) {
    if (!shown(t, print)) continue;
    const ShapeChange* s = deciding(t);
    const bool bad = t.counts_as_regression();
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} | {} |\n", t.task_id, t.backend, verdict_text(t),
                       s ? ns_text(s->base.median) : "-", s ? ns_text(s->next.median) : "-", change_text(t),
                       bad ? "**" + label(t) + "**" : label(t), reason(t, c.options));
  }
  return out + "\n" + summary_line(c) + "\n";
}

json to_json(const RunComparison& c, const ComparePrint& print) {
  json tasks = json::array();
  for (const auto& t : c.tasks) {
    if (!shown(t, print)) continue;
    json shapes = json::array();
    for (const auto& s : t.shapes)
      shapes.push_back({{"shape", s.shape},
                        {"base", interval_json(s.base)},
                        {"new", interval_json(s.next)},
                        {"base_value", s.base_value},
                        {"new_value", s.next_value},
                        {"change", s.change},
                        {"p_value", s.p_value},
                        {"base_blocks", s.base_tested},
                        {"new_blocks", s.next_tested},
                        {"noise_floor", s.noise_floor},
                        {"noise_from", s.noise_from},
                        {"outcome", outcome_name(s.outcome)}});
    tasks.push_back({{"task", t.task_id},
                     {"backend", t.backend},
                     {"base_status", base_status_text(t)},
                     {"new_status", next_status_text(t)},
                     {"outcome", outcome_name(t.outcome)},
                     {"regression", t.counts_as_regression()},
                     {"confirmation", confirmation_name(t.confirmation)},
                     {"confirmation_detail", t.confirmation_detail},
                     {"change", t.change ? json(*t.change) : json()},
                     {"deciding_shape", t.deciding_shape >= 0 ? json(t.shapes[t.deciding_shape].shape) : json()},
                     {"shapes", shapes}});
  }
  json counts = json::object();
  for (auto k : {TaskOutcomeKind::regressed_verdict, TaskOutcomeKind::regressed_time, TaskOutcomeKind::fixed,
                 TaskOutcomeKind::improved, TaskOutcomeKind::noisy, TaskOutcomeKind::unchanged, TaskOutcomeKind::still_failing,
                 TaskOutcomeKind::no_timing, TaskOutcomeKind::added, TaskOutcomeKind::missing})
    counts[std::string(outcome_name(k))] = c.count(k);
  nlohmann::json drift = nullptr;
  if (c.drift)
    drift = {{"shapes", c.drift->shapes}, {"change", c.drift->change}, {"spread", c.drift->spread},
             {"beyond_threshold", c.drift->beyond_threshold}};
  return {{"base", side_json(c.base)},
          {"new", side_json(c.next)},
          {"drift", drift},
          {"threshold", c.options.threshold},
          {"confidence", c.options.confidence},
          {"alpha", c.options.alpha},
          {"measure", measure_name(c.options.measure)},
          {"canary_limit", c.options.canary_limit},
          {"unreliable", c.unreliable()},
          {"regressions", c.regressions()},
          {"not_confirmed", c.not_confirmed()},
          {"counts", counts},
          {"notes", c.notes},
          {"tasks", tasks}};
}

std::string format_comparison_csv(const RunComparison& c, const ComparePrint& print) {
  CsvWriter csv({"task", "backend", "base_status", "new_status", "outcome", "regression", "confirmation", "shape",
                 "base_median_ns", "new_median_ns", "base_value", "new_value", "change", "p_value", "noise_floor",
                 "noise_from", "shape_outcome"});
  for (const auto& t : c.tasks) {
    if (!shown(t, print)) continue;
    const std::vector<std::string> head = {t.task_id, t.backend, base_status_text(t), next_status_text(t),
                                           std::string(outcome_name(t.outcome)), t.counts_as_regression() ? "1" : "0",
                                           std::string(confirmation_name(t.confirmation))};
    if (t.shapes.empty()) {
      auto row = head;
      row.resize(17);
      csv.row(row);
    }
    for (const auto& s : t.shapes) {
      auto row = head;
      for (const std::string& cell : {s.shape, csv_number(s.base.median), csv_number(s.next.median), csv_number(s.base_value),
                                      csv_number(s.next_value), csv_number(s.change), csv_number(s.p_value),
                                      csv_number(s.noise_floor), s.noise_from, std::string(outcome_name(s.outcome))})
        row.push_back(cell);
      csv.row(row);
    }
  }
  return csv.text();
}

}  // namespace kbench

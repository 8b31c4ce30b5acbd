// Text, Markdown and JSON renderings of a RunComparison.
#include "results/render/compare_printers.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/util/format.hpp"

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

// Why a task got its outcome, in a few words.
std::string reason(const TaskComparison& t, const CompareOptions& o) {
  const ShapeChange* s = deciding(t);
  switch (t.outcome) {
    case TaskOutcomeKind::regressed_verdict: return "was correct, now " + next_status_text(t);
    case TaskOutcomeKind::regressed_time:
    case TaskOutcomeKind::improved:
      return fmt::format("over {:g}% and outside the noise (intervals disjoint)", 100 * o.threshold);
    case TaskOutcomeKind::noisy:
      return fmt::format("over {:g}% but inside the noise: {} [{}, {}] vs {} [{}, {}]", 100 * o.threshold,
                         ns_text(s->base.median), ns_text(s->base.low), ns_text(s->base.high), ns_text(s->next.median),
                         ns_text(s->next.low), ns_text(s->next.high));
    case TaskOutcomeKind::unchanged: return fmt::format("within {:g}%", 100 * o.threshold);
    case TaskOutcomeKind::fixed: return "now correct";
    case TaskOutcomeKind::still_failing: return "not correct on either side";
    case TaskOutcomeKind::no_timing: return "no bench shape timed on both sides";
    case TaskOutcomeKind::added: return "only in the new run";
    case TaskOutcomeKind::missing: return "only in the base run";
  }
  return "";
}

std::string label(TaskOutcomeKind k) {
  switch (k) {
    case TaskOutcomeKind::regressed_verdict:
    case TaskOutcomeKind::regressed_time: return "REGRESSED";
    default: return std::string(outcome_name(k));
  }
}

std::string summary_line(const RunComparison& c) {
  return fmt::format("{} regressed ({} verdict, {} timing), {} improved, {} fixed, {} noisy, {} unchanged, {} still failing, "
                     "{} without timing, {} added, {} missing",
                     c.regressions(), c.count(TaskOutcomeKind::regressed_verdict), c.count(TaskOutcomeKind::regressed_time),
                     c.count(TaskOutcomeKind::improved), c.count(TaskOutcomeKind::fixed), c.count(TaskOutcomeKind::noisy),
                     c.count(TaskOutcomeKind::unchanged), c.count(TaskOutcomeKind::still_failing),
                     c.count(TaskOutcomeKind::no_timing), c.count(TaskOutcomeKind::added), c.count(TaskOutcomeKind::missing));
}

std::string side_line(const char* name, const RunSideInfo& s) {
  return fmt::format("{} {}:{} ({}, {} kernels, {}){}", name, s.db, s.run_id, s.kind, s.role, s.started_at,
                     s.device.empty() ? "" : " on " + s.device);
}

json interval_json(const MedianInterval& m) {
  return {{"median_ns", m.median}, {"low_ns", m.low}, {"high_ns", m.high}, {"samples", m.samples}, {"method", m.method}};
}

json side_json(const RunSideInfo& s) {
  return {{"db", s.db},           {"run", s.run_id},         {"kind", s.kind},         {"started_at", s.started_at},
          {"kbench_version", s.kbench_version}, {"device", s.device}, {"compiler", s.compiler}, {"role", s.role}};
}

}  // namespace

std::string format_comparison_text(const RunComparison& c) {
  std::string out = side_line("base", c.base) + "\n" + side_line("new ", c.next) + "\n";
  out += fmt::format("threshold {:g}%, {:g}% confidence intervals of the medians\n", 100 * c.options.threshold,
                     100 * c.options.confidence);
  for (const auto& n : c.notes) out += "note: " + n + "\n";
  out += fmt::format("\n{:<36} {:<8} {:<28} {:>10} {:>10} {:>8}  {:<17} {}\n", "task", "backend", "verdict", "base", "new",
                     "change", "result", "why");
  for (const auto& t : c.tasks) {
    const ShapeChange* s = deciding(t);
    out += fmt::format("{:<36} {:<8} {:<28} {:>10} {:>10} {:>8}  {:<17} {}\n", t.task_id, t.backend, verdict_text(t),
                       s ? ns_text(s->base.median) : "-", s ? ns_text(s->next.median) : "-", change_text(t),
                       label(t.outcome), reason(t, c.options));
  }
  return out + "\n" + summary_line(c) + "\n";
}

std::string format_comparison_markdown(const RunComparison& c) {
  const int reg = c.regressions();
  std::string out = reg ? fmt::format("### kbench compare: {} regression{}\n\n", reg, reg == 1 ? "" : "s")
                        : std::string("### kbench compare: no regression\n\n");
  out += fmt::format("- base: `{}` run `{}` ({}, {} kernels, {}){}\n", c.base.db, c.base.run_id, c.base.kind, c.base.role,
                     c.base.started_at, c.base.device.empty() ? "" : ", " + c.base.device);
  out += fmt::format("- new: `{}` run `{}` ({}, {} kernels, {}){}\n", c.next.db, c.next.run_id, c.next.kind, c.next.role,
                     c.next.started_at, c.next.device.empty() ? "" : ", " + c.next.device);
  out += fmt::format("- a timing change counts when over {:g}% and outside the {:g}% confidence intervals of both medians\n",
                     100 * c.options.threshold, 100 * c.options.confidence);
  for (const auto& n : c.notes) out += "- note: " + n + "\n";
  out += "\n| task | backend | verdict | base | new | change | result | why |\n|---|---|---|---:|---:|---:|---|---|\n";
  for (const auto& t : c.tasks) {
    const ShapeChange* s = deciding(t);
    const bool bad = is_regression(t.outcome);
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} | {} |\n", t.task_id, t.backend, verdict_text(t),
                       s ? ns_text(s->base.median) : "-", s ? ns_text(s->next.median) : "-", change_text(t),
                       bad ? "**" + label(t.outcome) + "**" : label(t.outcome), reason(t, c.options));
  }
  return out + "\n" + summary_line(c) + "\n";
}

json to_json(const RunComparison& c) {
  json tasks = json::array();
  for (const auto& t : c.tasks) {
    json shapes = json::array();
    for (const auto& s : t.shapes)
      shapes.push_back({{"shape", s.shape},
                        {"base", interval_json(s.base)},
                        {"new", interval_json(s.next)},
                        {"change", s.change},
                        {"outcome", outcome_name(s.outcome)}});
    tasks.push_back({{"task", t.task_id},
                     {"backend", t.backend},
                     {"base_status", base_status_text(t)},
                     {"new_status", next_status_text(t)},
                     {"outcome", outcome_name(t.outcome)},
                     {"regression", is_regression(t.outcome)},
                     {"change", t.change ? json(*t.change) : json()},
                     {"deciding_shape", t.deciding_shape >= 0 ? json(t.shapes[t.deciding_shape].shape) : json()},
                     {"shapes", shapes}});
  }
  json counts = json::object();
  for (auto k : {TaskOutcomeKind::regressed_verdict, TaskOutcomeKind::regressed_time, TaskOutcomeKind::fixed,
                 TaskOutcomeKind::improved, TaskOutcomeKind::noisy, TaskOutcomeKind::unchanged, TaskOutcomeKind::still_failing,
                 TaskOutcomeKind::no_timing, TaskOutcomeKind::added, TaskOutcomeKind::missing})
    counts[std::string(outcome_name(k))] = c.count(k);
  return {{"base", side_json(c.base)},
          {"new", side_json(c.next)},
          {"threshold", c.options.threshold},
          {"confidence", c.options.confidence},
          {"regressions", c.regressions()},
          {"counts", counts},
          {"notes", c.notes},
          {"tasks", tasks}};
}

}  // namespace kbench

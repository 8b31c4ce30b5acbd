// render_dashboard_html: one section per view (runs, focus summary, speedups, roofline, history, LLM turns).
#include "results/render/dashboard_html.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <stdexcept>

#include "core/util/format.hpp"
#include "results/render/compare_printers.hpp"
#include "results/render/svg_charts.hpp"

namespace kbench {
namespace {

using svg::escape;

constexpr const char* kPageTemplate =
#include "results/render/dashboard_page.inc"
    ;

std::string pct(double v) { return fmt::format("{:.1f}%", 100 * v); }
std::string opt_x(const std::optional<double>& v) { return v ? fmt::format("{:.2f}x", *v) : "-"; }

std::string replace_once(std::string text, const std::string& key, const std::string& value) {
  const auto at = text.find(key);
  if (at == std::string::npos) throw std::logic_error("dashboard template lacks " + key);
  return text.replace(at, key.size(), value);
}

std::string card(const std::string& value, const std::string& key) {
  return fmt::format("<div class=\"card\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>", escape(value), escape(key));
}

// Where a chart would be empty: a note that says why instead.
std::string no_chart(const std::string& id, const std::string& why) {
  return fmt::format("<p class=\"note no-chart\" data-no-chart=\"{}\">{}</p>\n", escape(id), escape(why));
}

std::string run_row(const DashboardRun& r) {
  const std::string commit = r.run.git_commit.empty() ? "" : r.run.git_commit.substr(0, 12) + (r.run.git_dirty.value_or(false) ? "+dirty" : "");
  return fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td>"
                     "<td class=\"long\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}/{} {}</td><td>{}</td>"
                     "<td class=\"long\"><code>{}</code></td></tr>\n",
                     escape(r.run.id), escape(r.run.kind), escape(r.run.label), escape(r.run.started_at), escape(commit),
                     escape(r.device), escape(r.compiler), escape(r.run.kbench_version), escape(r.backend), escape(r.model), r.correct,
                     r.tasks, r.role == "reference" ? "(references)" : "", escape(r.run.host), escape(r.run.command));
}

// Newest first; past kRunsShown the older runs fold into a <details> so that the page stays short.
constexpr std::size_t kRunsShown = 20;

std::string runs_section(const DashboardData& d) {
  const std::string head = "<table><tr><th>run</th><th>kind</th><th>label</th><th>started (UTC)</th><th>commit</th>"
                           "<th>device</th><th>compiler</th><th>kbench</th><th>backend</th><th>model</th><th>correct</th>"
                           "<th>host</th><th>command</th></tr>\n";
  std::string out = fmt::format("<section id=\"runs\"><h2>Runs</h2><p class=\"note\">{} run{}, newest first{}.</p>\n", d.runs.size(),
                                d.runs.size() == 1 ? "" : "s",
                                d.runs.size() > kRunsShown ? fmt::format("; the {} latest are shown, the rest are folded below", kRunsShown) : "");
  out += head;
  std::size_t shown = 0;
  for (auto it = d.runs.rbegin(); it != d.runs.rend(); ++it, ++shown) {
    if (shown == kRunsShown)
      out += fmt::format("</table>\n<details id=\"older-runs\"><summary>{} older run{}</summary>{}", d.runs.size() - kRunsShown,
                         d.runs.size() - kRunsShown == 1 ? "" : "s", head);
    out += run_row(*it);
  }
  out += "</table>";
  if (d.runs.size() > kRunsShown) out += "</details>";
  return out + "</section>\n";
}

std::string summary_section(const RunSubjects& f) {
  const RunReport& r = f.report;
  std::string out = fmt::format("<section id=\"summary\"><h2>Run <code>{}</code> ({}, {} kernels)</h2>\n", escape(r.run_id),
                                escape(r.kind), escape(f.role));
  if (f.role == "reference") {
    // A baseline run holds no candidate: its "speedups" are each reference timed against itself, the run's
    // noise canary (results.md), not a result to read as fast_p.
    out += "<div class=\"cards\">" + card(std::to_string(r.overall.tasks), "tasks") +
           card(pct(r.overall.correctness_rate), "references verified") +
           card(opt_x(r.overall.geomean_speedup), "noise canary (geomean, 1.00x when quiet)") + "</div>\n";
    out += "<p class=\"note\">A baseline run: the reference kernels, each timed as its own candidate. The ratio of the two "
           "timings is the machine's noise, not a speedup; a canary far from 1x marks the run unreliable for `kbench compare`.</p>\n";
    out += fmt::format("<details><summary>Tasks ({})</summary><table><tr><th>task</th><th>verdict</th><th>canary</th></tr>\n", r.tasks.size());
    for (const auto& t : r.tasks)
      out += fmt::format("<tr><td><code>{}</code></td><td class=\"{}\">{}</td><td class=\"num\">{}</td></tr>\n", escape(t.task_id),
                         t.best_status == Status::correct ? "ok" : "regression", escape(status_text(t.best_status)), opt_x(t.speedup));
    return out + "</table></details></section>\n";
  }
  out += "<div class=\"cards\">" + card(std::to_string(r.overall.tasks), "tasks") +
         card(pct(r.overall.correctness_rate), "correct (overall)");
  for (const auto& [p, v] : r.overall.fast_p)
    if (p > 0) out += card(pct(v), fmt::format("fast_{:g} (overall)", p));
  out += card(opt_x(r.overall.geomean_speedup), "geomean speedup") + "</div>\n";
  svg::BarChart chart{"correctness-fast-p", "Correctness and fast_p by category", "share of tasks", {}, {}, true, 1.0, 0, 300};
  std::vector<const GroupSummary*> groups;
  for (const auto& g : r.categories) groups.push_back(&g);
  groups.push_back(&r.overall);
  chart.width = std::max(640, 90 * static_cast<int>(groups.size()) + 120);
  svg::BarSeries correct{"correct", {}};
  std::map<double, svg::BarSeries> fast;
  for (const auto* g : groups) {
    chart.groups.push_back(g->name);
    correct.values.push_back(g->correctness_rate);
    for (const auto& [p, v] : g->fast_p)
      if (p > 0) {
        fast[p].name = fmt::format("fast_{:g}", p);
        fast[p].values.push_back(v);
      }
  }
  chart.series.push_back(correct);
  for (auto& [p, s] : fast) chart.series.push_back(s);
  out += "<div class=\"row\">" + svg::bar_chart(chart);
  out += "<table><tr><th>category</th><th>tasks</th><th>correct</th>";
  for (const auto& [p, v] : r.overall.fast_p)
    if (p > 0) out += fmt::format("<th>fast_{:g}</th>", p);
  out += "<th>geomean speedup</th></tr>\n";
  for (const auto* g : groups) {
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>", escape(g->name), g->tasks,
                       pct(g->correctness_rate));
    for (const auto& [p, v] : g->fast_p)
      if (p > 0) out += fmt::format("<td class=\"num\">{}</td>", pct(v));
    out += fmt::format("<td class=\"num\">{}</td></tr>\n", opt_x(g->geomean_speedup));
  }
  out += fmt::format("</table></div>\n<details><summary>Tasks ({})</summary><table><tr><th>task</th><th>best verdict</th>"
                     "<th>speedup</th><th>attempts</th></tr>\n",
                     r.tasks.size());
  for (const auto& t : r.tasks)
    out += fmt::format("<tr><td><code>{}</code></td><td class=\"{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}/{}</td></tr>\n",
                       escape(t.task_id), t.best_status == Status::correct ? "ok" : "regression", escape(status_text(t.best_status)),
                       opt_x(t.speedup), t.correct_attempts, t.attempts);
  return out + "</table></details></section>\n";
}

std::string speedup_section(const DashboardData& d) {
  struct Bin {
    double hi;
    const char* label;
  };
  static const Bin bins[] = {{0.5, "<0.5x"},   {0.8, "0.5-0.8x"}, {0.95, "0.8-0.95x"}, {1.05, "0.95-1.05x"},
                             {1.25, "1.05-1.25x"}, {2, "1.25-2x"}, {4, "2-4x"},        {INFINITY, ">=4x"}};
  svg::BarChart chart{"speedup-distribution", "Speedup over the reference (correct tasks)", "tasks", {}, {{"tasks", {}}}, false,
                      std::nullopt, 600, 300};
  for (const auto& b : bins) {
    chart.groups.push_back(b.label);
    chart.series[0].values.push_back(0);
  }
  const bool canary = d.focus && d.focus->role == "reference";
  if (canary) chart.title = "Reference timed against itself (noise canary)";
  if (d.speedups.empty())
    return "<section id=\"speedups\"><h2>Speedup distribution</h2>" +
           no_chart("speedup-distribution", "No chart: no task of the run above has a timed correct verdict (it was run "
                                            "without timing, as selftest and --no-time do, or nothing was correct).") +
           "</section>\n";
  for (double s : d.speedups)
    for (std::size_t i = 0; i < std::size(bins); ++i)
      if (s < bins[i].hi) {
        chart.series[0].values[i] += 1;
        break;
      }
  return fmt::format("<section id=\"speedups\"><h2>{}</h2><p class=\"note\">{} correct tasks of the run above; "
                     "{} (geometric mean over bench shapes).</p>\n{}</section>\n",
                     canary ? "Noise canary distribution" : "Speedup distribution", d.speedups.size(),
                     canary ? "ratio of two timings of the same reference kernel" : "speedup = reference median / candidate median",
                     svg::bar_chart(chart));
}

std::string roofline_section(const DashboardData& d) {
  svg::Roofline chart{"roofline", "Roofline: achieved FLOP/s vs arithmetic intensity", "arithmetic intensity (FLOP/byte)",
                      "achieved FLOP/s", {}, d.roofline.peak_flops, d.roofline.peak_bytes_per_s, 600, 300};
  if (d.roofline.points.empty())
    return "<section id=\"roofline-section\"><h2>Roofline</h2>" +
           no_chart("roofline", "No chart: no correct task of the run above was timed with FLOP and byte counts.") + "</section>\n";
  for (const auto& p : d.roofline.points)
    chart.points.push_back({p.intensity, p.flops_per_s,
                            fmt::format("{} [{}]: {:.3g} FLOP/B, {:.4g} GFLOP/s", p.task_id, p.shape, p.intensity, p.flops_per_s / 1e9)});
  return fmt::format("<section id=\"roofline-section\"><h2>Roofline</h2><p class=\"note\">{} points (correct tasks of the run above, one per "
                     "bench shape). Ceilings come from the device's peak bandwidth and FLOP/s when the backend reports them.</p>\n{}</section>\n",
                     chart.points.size(), svg::roofline_chart(chart));
}

// Timing unit for a series: the largest power of 1000 below its largest median.
std::pair<double, std::string> unit_for(const TaskHistory& h) {
  double top = 0;
  for (const auto& p : h.points)
    if (p.timing) top = std::max(top, p.timing->median);
  if (top >= 1e9) return {1e9, " s"};
  if (top >= 1e6) return {1e6, " ms"};
  if (top >= 1e3) return {1e3, " us"};
  return {1, " ns"};
}

// A run's start as an axis label: "MM-DD HH:MM:SS" (UTC); runs started in the same second get "#2", "#3".
std::vector<std::string> start_labels(const TaskHistory& h) {
  std::vector<std::string> labels;
  std::map<std::string, int> seen;
  for (const auto& p : h.points) {
    std::string label = p.started_at.size() >= 19 ? p.started_at.substr(5, 14) : p.started_at;
    if (label.size() > 5 && label[5] == 'T') label[5] = ' ';
    const int n = ++seen[label];
    labels.push_back(n > 1 ? fmt::format("{} #{}", label, n) : label);
  }
  return labels;
}

bool has_timing(const TaskHistory& h) {
  for (const auto& p : h.points)
    if (p.timing || p.regression) return true;
  return false;
}

std::string history_section(const DashboardData& d) {
  int regressions = 0, untimed = 0;
  for (const auto& h : d.history) regressions += h.regressions, untimed += has_timing(h) ? 0 : 1;
  std::string out = fmt::format(
      "<section id=\"history\"><h2>Timing history across runs</h2><p class=\"note\">{} series, <span class=\"{}\">{} regression{} "
      "marked</span> (red): slower than the previous run by more than {:g}% with the {:g}% confidence intervals of the medians "
      "disjoint, or no longer correct. Bars are those intervals.</p>\n<input id=\"history-filter\" type=\"search\" "
      "placeholder=\"filter tasks\">\n<div class=\"history\">\n",
      d.history.size(), regressions ? "regression" : "ok", regressions, regressions == 1 ? "" : "s", 100 * d.compare.threshold,
      100 * d.compare.confidence);
  if (untimed)
    out += no_chart("history-untimed", fmt::format("{} series with no timed point (their runs were not timed) are not drawn.", untimed));
  for (std::size_t i = 0; i < d.history.size(); ++i) {
    const auto& h = d.history[i];
    if (!has_timing(h)) continue;
    const auto [scale, unit] = unit_for(h);
    const std::vector<std::string> labels = start_labels(h);
    svg::LineChart chart{fmt::format("history-{}", i), fmt::format("{} ({})", h.task_id, h.role), "run started (UTC)", "median", {}, {}, false,
                         true, unit, 420, 200};
    svg::LineSeries s{h.shape, {}};
    for (std::size_t k = 0; k < h.points.size(); ++k) {
      const auto& p = h.points[k];
      svg::LinePoint lp;
      lp.x = static_cast<double>(k + 1);
      lp.marked = p.regression;
      lp.label = fmt::format("run {} ({}) {}: {}{}", p.run_id, p.started_at, status_text(p.status),
                             p.timing ? format_duration_ns(p.timing->median, DurationStyle::compare) : "no timing",
                             p.why.empty() ? "" : " (" + p.why + ")");
      if (p.timing) lp.y = p.timing->median / scale, lp.low = p.timing->low / scale, lp.high = p.timing->high / scale;
      if (p.regression && !lp.y) {  // a verdict regression has no timing: mark it on the axis
        lp.y = 0;
      }
      s.points.push_back(lp);
      const std::size_t every = (h.points.size() + 3) / 4;  // at most about four labels, each a full start time
      if (k % every == 0) chart.x_ticks.emplace_back(lp.x, labels[k]);
    }
    chart.series.push_back(std::move(s));
    out += fmt::format("<figure data-task=\"{}\">{}<figcaption>{} · {} · {}{}</figcaption></figure>\n", escape(h.task_id),
                       svg::line_chart(chart), escape(h.backend), escape(h.shape), h.points.size(),
                       h.regressions ? fmt::format(" runs · <span class=\"regression\">{} regression{}</span>", h.regressions,
                                                   h.regressions == 1 ? "" : "s")
                                     : " runs");
  }
  return out + "</div></section>\n";
}

std::string llm_section(const DashboardData& d) {
  if (d.llm_runs.empty()) return "<section id=\"llm\"><h2>LLM runs</h2><p class=\"note\">No `kbench run` in this database.</p></section>\n";
  std::string out = "<section id=\"llm\"><h2>LLM runs: does refinement help?</h2>\n";
  for (std::size_t i = 0; i < d.llm_runs.size(); ++i) {
    const auto& r = d.llm_runs[i];
    const auto& k = r.tokens;
    out += fmt::format("<h3>Run <code>{}</code> · model {}</h3><p class=\"note\">{} LLM calls ({} cached, {} failed); tokens in {} "
                       "out {}{}; latency {:.1f} s{}. Best kernel so far: geometric mean over all the run's tasks of the best "
                       "speedup there is by that turn, the reference's 1x where no correct candidate beats it (so it never "
                       "falls); the table also gives the geometric mean over the tasks correct by then, which can fall as "
                       "slower tasks join.</p>\n<div class=\"row\">",
                       escape(r.run_id), escape(r.model), k.calls, k.cached_calls, k.failed_calls, k.input_tokens, k.output_tokens,
                       k.reasoning_tokens ? fmt::format(" (reasoning {})", k.reasoning_tokens) : "", k.latency_s,
                       k.cost_usd ? fmt::format("; cost ${:.4f}", *k.cost_usd) : "");
    svg::LineChart best{fmt::format("llm-best-speedup-{}", i), "Best kernel so far by turn (geomean over all tasks)", "turn",
                        "speedup", {}, {}, false, true, "x", 440, 240};
    svg::LineChart correct{fmt::format("llm-correct-{}", i), "Tasks correct so far, by turn", "turn", "share of tasks", {}, {}, true,
                           true, "", 440, 240};
    svg::BarChart tokens{fmt::format("llm-tokens-{}", i), "Tokens by turn (calls made)", "tokens", {}, {{"input", {}}, {"output", {}}},
                         false, std::nullopt, 440, 240};
    svg::LineSeries sb{"best kernel so far", {}}, sc{"correct", {}};
    std::int64_t all_tokens = 0;
    for (const auto& t : r.turns) {
      all_tokens += t.input_tokens + t.output_tokens;
      svg::LinePoint pb;
      pb.x = t.turn;
      pb.y = t.geomean_best_kernel;
      pb.label = fmt::format("turn {}: {:.2f}x", t.turn, t.geomean_best_kernel);
      sb.points.push_back(pb);
      svg::LinePoint pc;
      pc.x = t.turn;
      pc.y = t.tasks ? double(t.tasks_correct) / t.tasks : 0.0;
      pc.label = fmt::format("turn {}: {}/{} tasks correct", t.turn, t.tasks_correct, t.tasks);
      sc.points.push_back(pc);
      tokens.groups.push_back(fmt::format("turn {}", t.turn));
      tokens.series[0].values.push_back(static_cast<double>(t.input_tokens));
      tokens.series[1].values.push_back(static_cast<double>(t.output_tokens));
    }
    best.series.push_back(sb);
    correct.series.push_back(sc);
    if (r.turns.empty()) {
      out += no_chart(fmt::format("llm-{}", i), "No chart: this run has no turn stored yet.") + "</div>\n";
      continue;
    }
    out += svg::line_chart(best) + svg::line_chart(correct);
    out += all_tokens ? svg::bar_chart(tokens)
                      : no_chart(fmt::format("llm-tokens-{}", i), "No token chart: no call of this run used tokens (its replies were "
                                                                  "replayed, as --model replay does, or came from the cache).");
    out += "</div>\n<table><tr><th>turn</th><th>tasks correct so far</th><th>best kernel so far</th><th>geomean over tasks correct so far</th>"
           "<th>calls</th><th>input tokens</th><th>output tokens</th></tr>\n";
    for (const auto& t : r.turns)
      out += fmt::format("<tr><td class=\"num\">{}</td><td class=\"num\">{}/{}</td><td class=\"num\">{:.2f}x</td><td class=\"num\">{}</td>"
                         "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                         t.turn, t.tasks_correct, t.tasks, t.geomean_best_kernel, opt_x(t.geomean_best_speedup), t.calls,
                         t.input_tokens, t.output_tokens);
    out += "</table>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string render_dashboard_html(const DashboardData& d) {
  std::string content = runs_section(d);
  if (d.focus) {
    content += summary_section(*d.focus);
    content += "<div class=\"row\">" + speedup_section(d) + roofline_section(d) + "</div>\n";
  } else {
    content += "<section><h2>No runs</h2><p class=\"note\">This database holds no run yet.</p></section>\n";
  }
  content += llm_section(d);
  content += history_section(d);
  std::string page = replace_once(kPageTemplate, "{{TITLE}}", "kbench dashboard");
  page = replace_once(page, "{{TITLE}}", "kbench dashboard");
  page = replace_once(page, "{{SUBTITLE}}", escape(fmt::format("{} · {} runs · generated {} by kbench {}", d.db_path,
                                                                d.runs.size(), d.generated_at, d.kbench_version)));
  return replace_once(page, "{{CONTENT}}", content);
}

}  // namespace kbench

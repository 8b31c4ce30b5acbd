// build_report and its printers: best attempt per task, category and overall rates, token totals.
#include "results/analysis/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

namespace kbench {
namespace {

std::string category_of(const std::string& task_id) { return task_id.substr(0, task_id.find('/')); }

// True when `a` is a better attempt than the current best `b`.
bool better(const AttemptRecord& a, const TaskOutcome& b) {
  int ra = status_rank(a.verdict.status), rb = status_rank(b.best_status);
  if (ra != rb) return ra < rb;
  return a.verdict.speedup.value_or(0) > b.speedup.value_or(0);
}

bool fast(const TaskOutcome& t, double p) {
  if (t.best_status != Status::correct) return false;
  return p <= 0 || (t.speedup && *t.speedup > p);
}

GroupSummary summarize(const std::string& name, const std::vector<const TaskOutcome*>& tasks,
                       const std::vector<double>& ps) {
  GroupSummary g;
  g.name = name;
  g.tasks = static_cast<int>(tasks.size());
  double log_sum = 0;
  int timed = 0;
  for (const auto* t : tasks) {
    if (t->best_status != Status::correct) continue;
    ++g.correct;
    if (t->speedup && *t->speedup > 0) log_sum += std::log(*t->speedup), ++timed;
  }
  g.correctness_rate = g.tasks ? double(g.correct) / g.tasks : 0;
  for (double p : ps) {
    int n = 0;
    for (const auto* t : tasks) n += fast(*t, p) ? 1 : 0;
    g.fast_p[p] = g.tasks ? double(n) / g.tasks : 0;
  }
  if (timed) g.geomean_speedup = std::exp(log_sum / timed);
  return g;
}

TokenTotals token_totals(ResultStore& store, const std::string& run_id, const ReportOptions& options) {
  TokenTotals t;
  auto s = store.database().prepare(
      "SELECT COUNT(*), COALESCE(SUM(status = 'error'), 0), COALESCE(SUM(cached), 0), "
      "COALESCE(SUM(CASE WHEN cached = 0 THEN input_tokens END), 0), "
      "COALESCE(SUM(CASE WHEN cached = 0 THEN output_tokens END), 0), "
      "COALESCE(SUM(CASE WHEN cached = 0 THEN reasoning_tokens END), 0), "
      "COALESCE(SUM(CASE WHEN cached = 0 THEN latency_s END), 0) FROM llm_calls WHERE run_id = ?");
  s.bind(1, run_id);
  s.step();
  t.calls = static_cast<int>(s.column_int(0));
  t.failed_calls = static_cast<int>(s.column_int(1));
  t.cached_calls = static_cast<int>(s.column_int(2));
  t.input_tokens = s.column_int(3);
  t.output_tokens = s.column_int(4);
  t.reasoning_tokens = s.column_int(5);
  t.latency_s = s.column_double(6);
  if (options.usd_per_mtok_input || options.usd_per_mtok_output)
    t.cost_usd = t.input_tokens / 1e6 * options.usd_per_mtok_input.value_or(0) +
                 t.output_tokens / 1e6 * options.usd_per_mtok_output.value_or(0);
  return t;
}

std::string p_label(double p) { return fmt::format("fast_{:g}", p); }

std::string opt_speedup(const std::optional<double>& s) { return s ? fmt::format("{:.2f}x", *s) : "-"; }

}  // namespace

int status_rank(std::optional<Status> status) {
  static constexpr Status order[] = {Status::correct, Status::compiled,      Status::incorrect, Status::runtime_error,
                                     Status::timeout, Status::compile_error, Status::no_code};
  const auto* it = status ? std::find(std::begin(order), std::end(order), *status) : std::end(order);
  return static_cast<int>(it - std::begin(order));
}

std::string status_text(std::optional<Status> status) {
  return status ? std::string(status_name(*status)) : "not_attempted";
}

RunReport build_report(ResultStore& store, const std::string& run_id, const ReportOptions& options) {
  auto run = store.run(run_id);
  if (!run) throw std::invalid_argument(fmt::format("no run '{}' in {}", run_id, store.path().string()));
  RunReport r;
  r.run_id = run->id;
  r.kind = run->kind;
  r.started_at = run->started_at;
  r.finished_at = run->finished_at;
  r.config = run->config;

  const std::vector<AttemptRecord> attempts = store.attempts(run_id);
  r.role = options.role;
  if (r.role.empty()) {
    const bool any_candidate = std::any_of(attempts.begin(), attempts.end(), [](const AttemptRecord& a) { return a.role == "candidate"; });
    r.role = any_candidate || attempts.empty() ? "candidate" : "reference";
  }
  std::map<std::string, TaskOutcome> by_task;
  if (run->config.contains("tasks") && run->config["tasks"].is_array())
    for (const auto& id : run->config["tasks"]) {
      TaskOutcome t;
      t.task_id = id.get<std::string>();
      t.category = category_of(t.task_id);
      t.backend = run->config.value("backend", "");
      by_task.emplace(t.task_id, t);
    }
  for (const auto& a : attempts) {
    if (a.role != r.role) continue;
    auto [it, fresh] = by_task.try_emplace(a.task_id);
    TaskOutcome& t = it->second;
    if (fresh || !t.best_status) {
      t.task_id = a.task_id;
      t.category = category_of(a.task_id);
      t.backend = a.backend;
      t.best_status.reset();
    }
    ++t.attempts;
    if (a.verdict.ok()) ++t.correct_attempts;
    if (better(a, t)) {
      t.best_status = a.verdict.status;
      t.speedup = a.verdict.ok() ? a.verdict.speedup : std::nullopt;
      t.vendor_speedup = a.verdict.ok() ? a.verdict.vendor_speedup : std::nullopt;
      t.timing_policy = a.verdict.ok() && a.verdict.speedup ? a.verdict.timing_policy : "";
      t.best_attempt_id = a.id;
      t.best_sample = a.sample;
      t.best_turn = a.turn;
    }
  }

  std::map<std::string, std::vector<const TaskOutcome*>> by_category;
  std::vector<const TaskOutcome*> all;
  for (auto& [id, t] : by_task) r.tasks.push_back(t);
  for (const auto& t : r.tasks) {
    by_category[t.category].push_back(&t);
    all.push_back(&t);
  }
  for (const auto& [name, tasks] : by_category) r.categories.push_back(summarize(name, tasks, options.fast_p));
  r.overall = summarize("overall", all, options.fast_p);
  r.tokens = token_totals(store, run_id, options);
  return r;
}

namespace {
nlohmann::json group_json(const GroupSummary& g) {
  nlohmann::json fast = nlohmann::json::object();
  for (const auto& [p, v] : g.fast_p) fast[fmt::format("{:g}", p)] = v;
  nlohmann::json j = {{"name", g.name},   {"tasks", g.tasks}, {"correct", g.correct},
                      {"correctness_rate", g.correctness_rate}, {"fast_p", fast}};
  j["geomean_speedup"] = g.geomean_speedup ? nlohmann::json(*g.geomean_speedup) : nlohmann::json();
  return j;
}
template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}
}  // namespace

nlohmann::json to_json(const RunReport& r) {
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& t : r.tasks)
    tasks.push_back({{"task", t.task_id},
                     {"category", t.category},
                     {"backend", t.backend},
                     {"best_status", status_text(t.best_status)},
                     {"speedup", opt(t.speedup)},
                     {"vendor_speedup", opt(t.vendor_speedup)},
                     {"timing_policy", t.timing_policy.empty() ? nlohmann::json() : nlohmann::json(t.timing_policy)},
                     {"best_attempt_id", t.best_attempt_id ? nlohmann::json(t.best_attempt_id) : nlohmann::json()},
                     {"best_sample", opt(t.best_sample)},
                     {"best_turn", opt(t.best_turn)},
                     {"attempts", t.attempts},
                     {"correct_attempts", t.correct_attempts}});
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& g : r.categories) categories.push_back(group_json(g));
  return {{"run", r.run_id},
          {"kind", r.kind},
          {"role", r.role},
          {"speedup_is", r.role == "reference" ? "the noise canary: each reference kernel timed against itself (1x when quiet)"
                                               : "reference median / candidate median"},
          {"started_at", r.started_at},
          {"finished_at", opt(r.finished_at)},
          {"config", r.config},
          {"tasks", tasks},
          {"categories", categories},
          {"overall", group_json(r.overall)},
          {"tokens",
           {{"calls", r.tokens.calls},
            {"failed_calls", r.tokens.failed_calls},
            {"cached_calls", r.tokens.cached_calls},
            {"input_tokens", r.tokens.input_tokens},
            {"output_tokens", r.tokens.output_tokens},
            {"reasoning_tokens", r.tokens.reasoning_tokens},
            {"latency_s", r.tokens.latency_s},
            {"cost_usd", opt(r.tokens.cost_usd)}}}};
}

std::string format_report(const RunReport& r) {
  std::string out = fmt::format("run {} ({}), started {}{}\n", r.run_id, r.kind, r.started_at,
                                r.finished_at ? ", finished " + *r.finished_at : ", not finished");
  if (r.config.contains("model"))
    out += fmt::format("model {}  backend {}\n", r.config.value("model", ""), r.config.value("backend", ""));
  if (r.role == "reference") {  // a baseline run: no candidates, so no speedups and no fast_p
    out += "a baseline run: the reference kernels, each timed as its own candidate; \"canary\" is the ratio of the two\n"
           "timings (1.00x on a quiet machine), the run's noise, not a speedup\n";
    out += fmt::format("\n{:<36} {:<14} {:>9} {:>9}\n", "task", "verdict", "canary", "vendor");
    for (const auto& t : r.tasks)
      out += fmt::format("{:<36} {:<14} {:>9} {:>9}\n", t.task_id, status_text(t.best_status), opt_speedup(t.speedup),
                         opt_speedup(t.vendor_speedup));
    return out + fmt::format("\n{} tasks, {} verified; canary geomean {}\n", r.overall.tasks, r.overall.correct,
                             opt_speedup(r.overall.geomean_speedup));
  }
  out += fmt::format("\n{:<36} {:<14} {:>9} {:>9} {:>10}  {}\n", "task", "best", "speedup", "vendor", "correct", "sample/turn");
  for (const auto& t : r.tasks)
    out += fmt::format("{:<36} {:<14} {:>9} {:>9} {:>10}  {}\n", t.task_id, status_text(t.best_status), opt_speedup(t.speedup),
                       opt_speedup(t.vendor_speedup), fmt::format("{}/{}", t.correct_attempts, t.attempts),
                       t.best_turn ? fmt::format("s{} t{}", t.best_sample.value_or(0), *t.best_turn) : "-");
  const auto screened = std::count_if(r.tasks.begin(), r.tasks.end(), [](const TaskOutcome& t) { return t.timing_policy == "screen"; });
  if (screened > 0)
    out += fmt::format("{} of these speedups were timed under the screen policy (fewer samples: a ranking, not a "
                       "benchmark; re-time with --timing full)\n", screened);
  auto group_line = [](const GroupSummary& g) {
    std::string line = fmt::format("{:<20} {:>5} {:>8.0f}%", g.name, g.tasks, 100 * g.correctness_rate);
    for (const auto& [p, v] : g.fast_p) line += fmt::format(" {:>8.0f}%", 100 * v);
    return line + fmt::format(" {:>9}\n", opt_speedup(g.geomean_speedup));
  };
  out += fmt::format("\n{:<20} {:>5} {:>9}", "category", "tasks", "correct");
  for (const auto& [p, v] : r.overall.fast_p) out += fmt::format(" {:>9}", p_label(p));
  out += fmt::format(" {:>9}\n", "geomean");
  for (const auto& g : r.categories) out += group_line(g);
  out += group_line(r.overall);
  const auto& k = r.tokens;
  out += fmt::format("\nLLM calls: {} ({} cached, {} failed); tokens in {} out {}", k.calls, k.cached_calls,
                     k.failed_calls, k.input_tokens, k.output_tokens);
  if (k.reasoning_tokens) out += fmt::format(" (reasoning {})", k.reasoning_tokens);
  out += fmt::format("; latency {:.1f} s", k.latency_s);
  if (k.cost_usd) out += fmt::format("; cost ${:.4f}", *k.cost_usd);
  return out + "\n";
}

}  // namespace kbench

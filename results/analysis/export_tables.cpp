// export_tables and its renderings: see export_tables.hpp.
#include "results/analysis/export_tables.hpp"

#include "results/render/csv.hpp"
#include "results/store/llm_store.hpp"

namespace kbench {
namespace {

using nlohmann::json;

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json();
}

json finite(double x) { return std::isfinite(x) ? json(x) : json(); }

ExportTable attempts_table() {
  return {"attempts",
          {"run_id", "attempt_id", "task_id", "backend", "role", "sample", "turn", "status", "detail", "device", "compiler",
           "seed", "speedup", "vendor_speedup", "max_abs_err", "max_rel_err", "nrel_err", "compile_seconds", "compile_cached",
           "verify_seconds", "time_seconds", "sandboxed", "source_hash", "kbench_version", "created_at", "timing_policy"},
          {}};
}

ExportTable timings_table() {
  return {"timings",
          {"run_id", "attempt_id", "task_id", "backend", "role", "shape", "kernel", "median_ns", "min_ns", "p10_ns", "p90_ns",
           "mean_ns", "stddev_ns", "cv", "samples", "method", "speedup", "timing_policy"},
          {}};
}

ExportTable llm_calls_table() {
  return {"llm_calls",
          {"run_id", "call_id", "task_id", "sample", "turn", "provider", "model", "endpoint", "status", "error_kind", "http_status",
           "attempts", "cached", "input_tokens", "output_tokens", "reasoning_tokens", "latency_s", "finish_reason", "reply_model",
           "created_at"},
          {}};
}

void add_attempt_rows(const AttemptRecord& a, ExportTable& attempts, ExportTable& timings) {
  const Verdict& v = a.verdict;
  const bool metrics = v.status == Status::correct || v.status == Status::incorrect;
  const json policy = v.timing_policy.empty() ? json() : json(v.timing_policy);  // NULL: stored before policies were named
  attempts.rows.push_back({a.run_id, a.id, a.task_id, a.backend, a.role, opt(a.sample), opt(a.turn),
                           std::string(status_name(v.status)), v.detail, v.device, v.compiler, std::to_string(v.seed),
                           opt(v.speedup), opt(v.vendor_speedup), metrics ? finite(v.metrics.max_abs) : json(),
                           metrics ? finite(v.metrics.max_rel) : json(), metrics ? finite(v.metrics.nrel) : json(),
                           v.compile_seconds, v.compile_cached, v.verify_seconds, v.time_seconds, v.sandboxed, a.source_hash,
                           a.kbench_version, a.created_at, policy});
  for (const ShapeTiming& st : v.timings) {
    auto row = [&](const char* kernel, const TimingSummary& t, json speedup) {
      timings.rows.push_back({a.run_id, a.id, a.task_id, a.backend, a.role, st.shape, kernel, t.median_ns, t.min_ns, t.p10_ns,
                              t.p90_ns, t.mean_ns, t.stddev_ns, t.cv, t.samples, t.method, std::move(speedup), policy});
    };
    row("candidate", st.candidate, st.speedup);
    row("reference", st.reference, json());
    if (st.vendor) row("vendor", *st.vendor, json());
  }
}

json row_object(const ExportTable& t, const std::vector<json>& row) {
  json o = json::object();
  for (std::size_t i = 0; i < t.columns.size(); ++i) o[t.columns[i]] = row[i];
  return o;
}

}  // namespace

std::vector<ExportTable> export_tables(ResultStore& store, const std::vector<std::string>& run_ids) {
  std::vector<std::string> ids = run_ids;
  if (ids.empty())
    for (const auto& r : store.runs()) ids.push_back(r.id);
  ExportTable attempts = attempts_table(), timings = timings_table(), calls = llm_calls_table();
  LlmStore llm(store.database());
  for (const auto& id : ids) {
    for (const auto& a : store.attempts(id)) add_attempt_rows(a, attempts, timings);
    for (const auto& c : llm.calls(id))
      calls.rows.push_back({opt(c.run_id), c.id, opt(c.task_id), opt(c.sample), opt(c.turn), c.provider, c.model, c.endpoint,
                            c.status, opt(c.error_kind), opt(c.http_status), c.attempts, c.cached, c.input_tokens,
                            c.output_tokens, c.reasoning_tokens, opt(c.latency_s), c.finish_reason, c.reply_model, c.created_at});
  }
  return {attempts, timings, calls};
}

std::string export_csv(const ExportTable& table) {
  CsvWriter csv(table.columns);
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (const json& cell : row) {
      if (cell.is_null()) cells.emplace_back();
      else if (cell.is_string()) cells.push_back(cell.get<std::string>());
      else if (cell.is_boolean()) cells.push_back(cell.get<bool>() ? "1" : "0");
      else if (cell.is_number_float()) cells.push_back(csv_number(cell.get<double>()));
      else cells.push_back(cell.dump());
    }
    csv.row(cells);
  }
  return csv.text();
}

json export_json(const std::vector<ExportTable>& tables) {
  json out = json::object();
  for (const auto& t : tables) {
    json rows = json::array();
    for (const auto& row : t.rows) rows.push_back(row_object(t, row));
    out[t.name] = rows;
  }
  return out;
}

std::string export_jsonl(const std::vector<ExportTable>& tables) {
  std::string out;
  for (const auto& t : tables)
    for (const auto& row : t.rows) {
      json o = row_object(t, row);
      o["table"] = t.name;
      out += o.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    }
  return out;
}

}  // namespace kbench

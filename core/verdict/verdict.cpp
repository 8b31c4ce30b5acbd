// Verdict: status names, timing summaries and JSON conversion.
#include "core/verdict/verdict.hpp"

#include "core/util/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace kbench {

using nlohmann::json;

std::string_view status_name(Status s) {
  switch (s) {
    case Status::correct: return "correct";
    case Status::incorrect: return "incorrect";
    case Status::compile_error: return "compile_error";
    case Status::runtime_error: return "runtime_error";
    case Status::timeout: return "timeout";
    case Status::compiled: return "compiled";
    case Status::no_code: return "no_code";
  }
  return "?";
}

Status parse_status(std::string_view name) {
  for (Status s : {Status::correct, Status::incorrect, Status::compile_error, Status::runtime_error, Status::timeout,
                   Status::compiled, Status::no_code})
    if (status_name(s) == name) return s;
  throw std::invalid_argument("unknown verdict status '" + std::string(name) + "'");
}

TimingSummary summarize_samples(std::vector<double> samples, std::string method) {
  TimingSummary t;
  t.method = std::move(method);
  t.samples = static_cast<std::int64_t>(samples.size());
  if (samples.empty()) return t;
  t.raw_ns = samples;
  std::sort(samples.begin(), samples.end());
  auto quantile = [&](double q) {
    const double pos = q * static_cast<double>(samples.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, samples.size() - 1);
    return samples[lo] + (samples[hi] - samples[lo]) * (pos - static_cast<double>(lo));
  };
  t.median_ns = quantile(0.5);
  t.p10_ns = quantile(0.1);
  t.p90_ns = quantile(0.9);
  t.min_ns = samples.front();
  double sum = 0;
  for (double s : samples) sum += s;
  t.mean_ns = sum / static_cast<double>(samples.size());
  double var = 0;
  for (double s : samples) var += (s - t.mean_ns) * (s - t.mean_ns);
  t.stddev_ns = samples.size() > 1 ? std::sqrt(var / static_cast<double>(samples.size() - 1)) : 0.0;
  t.cv = t.mean_ns > 0 ? t.stddev_ns / t.mean_ns : 0.0;
  t.rse = t.cv / std::sqrt(static_cast<double>(samples.size()));
  // Keep at most 512 raw samples (evenly thinned) for noise-aware comparisons later.
  if (t.raw_ns.size() > 512) {
    std::vector<double> thin;
    const double step = static_cast<double>(t.raw_ns.size()) / 512.0;
    for (int i = 0; i < 512; ++i) thin.push_back(t.raw_ns[static_cast<std::size_t>(i * step)]);
    t.raw_ns = std::move(thin);
  }
  return t;
}

json to_json(const TimingSummary& t, bool with_raw) {
  json j = {{"median_ns", t.median_ns}, {"min_ns", t.min_ns}, {"p10_ns", t.p10_ns}, {"p90_ns", t.p90_ns},
            {"mean_ns", t.mean_ns},     {"stddev_ns", t.stddev_ns}, {"cv", t.cv}, {"rse", t.rse},
            {"samples", t.samples},     {"method", t.method}};
  if (with_raw) j["raw_ns"] = t.raw_ns;
  return j;
}

TimingSummary timing_from_json(const json& j) {
  TimingSummary t;
  t.median_ns = j.value("median_ns", 0.0);
  t.min_ns = j.value("min_ns", 0.0);
  t.p10_ns = j.value("p10_ns", 0.0);
  t.p90_ns = j.value("p90_ns", 0.0);
  t.mean_ns = j.value("mean_ns", 0.0);
  t.stddev_ns = j.value("stddev_ns", 0.0);
  t.cv = j.value("cv", 0.0);
  t.rse = j.value("rse", 0.0);
  t.samples = j.value("samples", std::int64_t{0});
  t.method = j.value("method", std::string());
  if (j.contains("raw_ns")) t.raw_ns = j.at("raw_ns").get<std::vector<double>>();
  return t;
}

json to_json(const ErrorMetrics& m) {
  json ex = json::array();
  for (const auto& e : m.examples)
    ex.push_back({{"output", e.output}, {"index", e.index}, {"got", e.got}, {"expected", e.expected}});
  auto finite_or_null = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
  json j = {{"max_abs_err", finite_or_null(m.max_abs)}, {"max_rel_err", finite_or_null(m.max_rel)},
            {"nrel_err", finite_or_null(m.nrel)},        {"first_mismatch", m.first_mismatch},
            {"examples", ex}};
  // Only a failure names where it failed: a correct verdict carries no failing output, shape or phase.
  if (!m.failing_output.empty()) j["failing_output"] = m.failing_output;
  if (!m.failing_shape.empty()) j["failing_shape"] = m.failing_shape;
  if (!m.phase.empty()) j["phase"] = m.phase;
  return j;
}

json to_json(const ShapeTiming& t, bool with_raw) {
  json j = {{"shape", t.shape},
            {"candidate", to_json(t.candidate, with_raw)},
            {"reference", to_json(t.reference, with_raw)},
            {"speedup", t.speedup},
            {"flops", t.flops},
            {"bytes", t.bytes},
            {"achieved_flops", t.achieved_flops},
            {"achieved_bytes_per_s", t.achieved_bytes_per_s}};
  if (t.vendor) j["vendor"] = to_json(*t.vendor, with_raw);
  if (t.vendor_speedup) j["vendor_speedup"] = *t.vendor_speedup;
  if (t.bandwidth_fraction) j["bandwidth_fraction"] = *t.bandwidth_fraction;
  if (t.compute_fraction) j["compute_fraction"] = *t.compute_fraction;
  if (!t.measurement.is_null()) j["measurement"] = t.measurement;
  return j;
}

ShapeTiming shape_timing_from_json(const json& j) {
  ShapeTiming t;
  t.shape = j.value("shape", std::string());
  t.candidate = timing_from_json(j.at("candidate"));
  t.reference = timing_from_json(j.at("reference"));
  if (j.contains("vendor")) t.vendor = timing_from_json(j.at("vendor"));
  t.speedup = j.value("speedup", 0.0);
  if (j.contains("vendor_speedup")) t.vendor_speedup = j.at("vendor_speedup").get<double>();
  t.flops = j.value("flops", 0.0);
  t.bytes = j.value("bytes", 0.0);
  t.achieved_flops = j.value("achieved_flops", 0.0);
  t.achieved_bytes_per_s = j.value("achieved_bytes_per_s", 0.0);
  if (j.contains("bandwidth_fraction")) t.bandwidth_fraction = j.at("bandwidth_fraction").get<double>();
  if (j.contains("compute_fraction")) t.compute_fraction = j.at("compute_fraction").get<double>();
  if (j.contains("measurement")) t.measurement = j.at("measurement");
  return t;
}

json to_json(const Verdict& v, bool with_raw) {
  json timings = json::array();
  for (const auto& t : v.timings) timings.push_back(to_json(t, with_raw));
  json j = {{"status", status_name(v.status)},
            {"detail", v.detail},
            {"metrics", to_json(v.metrics)},
            {"timings", timings},
            {"device", v.device},
            {"compiler", v.compiler},
            {"compile_seconds", v.compile_seconds},
            {"compile_cached", v.compile_cached},
            {"sandboxed", v.sandboxed},
            {"verify_seconds", v.verify_seconds},
            {"time_seconds", v.time_seconds},
            {"seed", std::to_string(v.seed)},  // a string: JSON readers (jq, JavaScript) round 64-bit numbers
            {"compile_log", v.compile_log},
            {"run_log", v.run_log}};
  if (v.speedup) j["speedup"] = *v.speedup;
  if (v.vendor_speedup) j["vendor_speedup"] = *v.vendor_speedup;
  if (!v.timing_policy.empty()) j["timing_policy"] = v.timing_policy;
  if (!v.timing_parameters.is_null()) j["timing_parameters"] = v.timing_parameters;
  return j;
}

ErrorMetrics metrics_from_json(const json& j) {
  ErrorMetrics m;
  auto num = [&](const char* k) { return j.contains(k) && j.at(k).is_number() ? j.at(k).get<double>() : INFINITY; };
  m.max_abs = num("max_abs_err");
  m.max_rel = num("max_rel_err");
  m.nrel = num("nrel_err");
  m.first_mismatch = j.value("first_mismatch", std::int64_t{-1});
  m.failing_output = j.value("failing_output", std::string());
  m.failing_shape = j.value("failing_shape", std::string());
  m.phase = j.value("phase", std::string());
  // A NaN element (e.g. a poisoned output never written) is stored as JSON null.
  auto nan_if_null = [](const json& e, const char* k) {
    return e.contains(k) && e.at(k).is_number() ? e.at(k).get<double>() : std::numeric_limits<double>::quiet_NaN();
  };
  for (const auto& e : j.value("examples", json::array()))
    m.examples.push_back({e.value("output", std::string()), e.value("index", std::int64_t{-1}), nan_if_null(e, "got"),
                          nan_if_null(e, "expected")});
  return m;
}

Verdict verdict_from_json(const json& j) {
  Verdict v;
  v.status = parse_status(j.at("status").get<std::string>());
  v.detail = j.value("detail", std::string());
  if (j.contains("metrics")) v.metrics = metrics_from_json(j.at("metrics"));
  for (const auto& t : j.value("timings", json::array())) v.timings.push_back(shape_timing_from_json(t));
  if (j.contains("speedup")) v.speedup = j.at("speedup").get<double>();
  if (j.contains("vendor_speedup")) v.vendor_speedup = j.at("vendor_speedup").get<double>();
  v.device = j.value("device", std::string());
  v.compiler = j.value("compiler", std::string());
  v.compile_seconds = j.value("compile_seconds", 0.0);
  v.compile_cached = j.value("compile_cached", false);
  v.sandboxed = j.value("sandboxed", false);
  v.verify_seconds = j.value("verify_seconds", 0.0);
  v.time_seconds = j.value("time_seconds", 0.0);
  if (const auto it = j.find("seed"); it != j.end() && it->is_string())  // as written since issue 15
    v.seed = std::stoull(it->get<std::string>());
  else
    v.seed = j.value("seed", std::uint64_t{0});  // stored before: a number
  v.compile_log = j.value("compile_log", std::string());
  v.run_log = j.value("run_log", std::string());
  // Verdicts stored before the timing policies were named were all timed (when timed) under "full"'s
  // defaults, but say nothing: they read back with no policy, and nothing is made up for them.
  v.timing_policy = j.value("timing_policy", std::string());
  if (const auto it = j.find("timing_parameters"); it != j.end()) v.timing_parameters = *it;
  return v;
}

std::string trim_log(const std::string& log, std::size_t max_bytes) {
  if (log.size() <= max_bytes) return valid_utf8(log);
  // Cut on character boundaries, so that trimming never makes valid text invalid.
  const std::size_t head = utf8_boundary(log, max_bytes / 2);
  const std::size_t tail_start = utf8_boundary(log, log.size() - (max_bytes - max_bytes / 2));
  return valid_utf8(std::string_view(log).substr(0, head)) + "\n[... " + std::to_string(tail_start - head) +
         " bytes cut ...]\n" + valid_utf8(std::string_view(log).substr(tail_start));
}

}  // namespace kbench

// Verdict: the one record of an evaluation that the CLI prints, the store saves and LLM feedback renders.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kbench {

// Exact strings used everywhere (CLI, JSON, database).
enum class Status { correct, incorrect, compile_error, runtime_error, timeout, compiled, no_code };

std::string_view status_name(Status s);
Status parse_status(std::string_view name);  // throws std::invalid_argument

struct Mismatch {
  std::string output;   // output argument name
  std::int64_t index = -1;
  double got = 0.0;
  double expected = 0.0;
};

// How far a candidate's outputs are from the expected ones (worst over all checked calls).
struct ErrorMetrics {
  double max_abs = 0.0;
  double max_rel = 0.0;
  double nrel = 0.0;                 // ||out - ref|| / ||ref||
  std::int64_t first_mismatch = -1;  // flat index in `failing_output`, -1 when none
  std::string failing_output;
  std::string failing_shape;         // "M=64 N=33 K=512"
  std::string phase;                 // "verify" or "timed"
  std::vector<Mismatch> examples;    // first few mismatches
};

// Summary of timing samples of one kernel at one shape.
struct TimingSummary {
  double median_ns = 0, min_ns = 0, p10_ns = 0, p90_ns = 0, mean_ns = 0, stddev_ns = 0;
  double cv = 0;          // stddev / mean
  double rse = 0;         // standard error of the mean / mean
  std::int64_t samples = 0;
  std::string method;     // "cpu-wall", "cuda-events-cold", ...
  std::vector<double> raw_ns;  // kept for noise-aware comparisons (may be thinned)
};

TimingSummary summarize_samples(std::vector<double> samples_ns, std::string method);

struct ShapeTiming {
  std::string shape;                 // "n=16777216"
  TimingSummary candidate;
  TimingSummary reference;
  std::optional<TimingSummary> vendor;
  double speedup = 0.0;              // reference median / candidate median
  std::optional<double> vendor_speedup;
  double flops = 0, bytes = 0;       // from the task's counts
  double achieved_flops = 0, achieved_bytes_per_s = 0;  // at the candidate's median
  std::optional<double> bandwidth_fraction, compute_fraction;  // of the device's ceilings when known
  nlohmann::json measurement;        // how it was measured (clock, rounds, checks, warnings); null: not said
};

struct Verdict {
  Status status = Status::runtime_error;
  std::string detail;                // one line: what happened
  ErrorMetrics metrics;
  std::vector<ShapeTiming> timings;
  std::optional<double> speedup;     // geometric mean over bench shapes
  std::optional<double> vendor_speedup;
  std::string compile_log;           // trimmed
  std::string run_log;               // trimmed worker/candidate output
  std::string device;
  std::string compiler;
  double compile_seconds = 0, verify_seconds = 0, time_seconds = 0;  // compile: the compiler's own time
  bool compile_cached = false;       // the artifact came from the compile cache (compiled that long earlier)
  bool sandboxed = false;            // the candidate ran in kbench's sandbox (false: --unsandboxed, or kbench's own kernel)
  std::uint64_t seed = 0;
  // The timing policy the evaluation asked for ("full", "screen"; "none" when it was not to be timed;
  // empty for a verdict no evaluation gave, e.g. no_code) and, when timed, its parameters (TimingPolicy's
  // JSON without the name), so that stored numbers say how much was sampled.
  std::string timing_policy;
  nlohmann::json timing_parameters;

  bool ok() const { return status == Status::correct; }
};

nlohmann::json to_json(const TimingSummary& t, bool with_raw = false);
nlohmann::json to_json(const ErrorMetrics& m);
nlohmann::json to_json(const ShapeTiming& t, bool with_raw = false);
nlohmann::json to_json(const Verdict& v, bool with_raw = false);
TimingSummary timing_from_json(const nlohmann::json& j);
ShapeTiming shape_timing_from_json(const nlohmann::json& j);
Verdict verdict_from_json(const nlohmann::json& j);
ErrorMetrics metrics_from_json(const nlohmann::json& j);

// Keeps the head and tail of a long log, marking what was cut.
std::string trim_log(const std::string& log, std::size_t max_bytes = 8192);

}  // namespace kbench

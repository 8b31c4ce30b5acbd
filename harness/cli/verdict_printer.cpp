// Terminal rendering of verdicts.
#include "harness/cli/verdict_printer.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/util/format.hpp"

namespace kbench::cli {

std::string format_verdict_text(const std::string& task_id, const std::string& backend, const Verdict& v) {
  std::string out = fmt::format("{} [{}]: {}\n  {}\n", task_id, backend, status_name(v.status), v.detail);
  if (!v.device.empty()) out += fmt::format("  device: {}\n", v.device);
  if (!v.compiler.empty()) out += fmt::format("  compiler: {}\n", v.compiler);
  if (v.status == Status::correct || v.status == Status::incorrect) {
    const auto& m = v.metrics;
    out += fmt::format("  error: max abs {:.3g}, max rel {:.3g}, norm-wise rel {:.3g}", m.max_abs, m.max_rel, m.nrel);
    if (m.first_mismatch >= 0) out += fmt::format(", first mismatch at {}[{}] ({} {})", m.failing_output, m.first_mismatch, m.failing_shape, m.phase);
    else if (!m.examples.empty()) out += fmt::format(", largest errors in {} ({} {}):", m.failing_output, m.failing_shape, m.phase);
    out += "\n";
    for (const auto& e : m.examples) out += fmt::format("    {}[{}] = {} (expected {})\n", e.output, e.index, e.got, e.expected);
  }
  for (const auto& t : v.timings) {
    out += fmt::format("  shape {}: candidate median {} (min {}, p10 {}, p90 {}, cv {:.1f}%, {} samples, {})\n", t.shape,
                       format_duration_ns(t.candidate.median_ns), format_duration_ns(t.candidate.min_ns),
                       format_duration_ns(t.candidate.p10_ns), format_duration_ns(t.candidate.p90_ns), t.candidate.cv * 100,
                       t.candidate.samples, t.candidate.method);
    out += fmt::format("    reference median {} -> speedup {:.2f}x", format_duration_ns(t.reference.median_ns), t.speedup);
    if (t.vendor) out += fmt::format("; vendor median {} -> {:.2f}x", format_duration_ns(t.vendor->median_ns), *t.vendor_speedup);
    out += fmt::format("\n    {:.1f} GB/s, {:.2f} GFLOP/s", t.achieved_bytes_per_s / 1e9, t.achieved_flops / 1e9);
    if (t.bandwidth_fraction) out += fmt::format(" ({:.0f}% of copy bandwidth", *t.bandwidth_fraction * 100);
    if (t.compute_fraction) out += fmt::format("{}{:.0f}% of peak FLOP/s", t.bandwidth_fraction ? ", " : " (", *t.compute_fraction * 100);
    if (t.bandwidth_fraction || t.compute_fraction) out += ")";
    out += "\n";
  }
  if (v.speedup) out += fmt::format("  speedup over reference: {:.2f}x\n", *v.speedup);
  if (v.vendor_speedup) out += fmt::format("  speedup over vendor library: {:.2f}x\n", *v.vendor_speedup);
  if (v.status == Status::compile_error && !v.compile_log.empty()) out += "  compiler output:\n" + v.compile_log + "\n";
  if ((v.status == Status::runtime_error || v.status == Status::timeout) && !v.run_log.empty())
    out += "  candidate output:\n" + v.run_log + "\n";
  const bool timed = !v.timings.empty() && !v.timing_policy.empty();
  out += fmt::format("  time: compile {:.2f} s{}, verify {:.2f} s, timing {:.2f} s{}\n", v.compile_seconds,
                     v.compile_cached ? " (cached)" : "", v.verify_seconds, v.time_seconds,
                     timed ? " (" + v.timing_policy + " timing policy)" : "");
  if (!v.sandboxed && v.status != Status::no_code) out += "  not sandboxed: judged outside kbench's sandbox\n";
  return out;
}

}  // namespace kbench::cli

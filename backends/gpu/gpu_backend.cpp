// GpuBackend: the shared compile flow. In a fresh scratch folder, candidate<ext> and entry<ext> (the shim,
// which includes the candidate) are written, then the vendor's steps run in order, each with what is left
// of the request's time limit; the log names the candidate by its own file name.
#include "backends/gpu/gpu_backend.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>

#include "backends/compile_cache.hpp"
#include "backends/compile_sandbox.hpp"
#include "backends/symbol_policy.hpp"
#include "core/spec/entry_shim.hpp"
#include "core/spec/signature.hpp"
#include "core/util/paths.hpp"
#include "core/util/process.hpp"

namespace kbench {
namespace fs = std::filesystem;

std::optional<DeviceInfo> GpuBackend::probe_device() {
  std::call_once(probe_once_, [&] { device_ = probe_vendor_device(&why_absent_); });
  return device_;
}

fs::path GpuBackend::worker_executable() const { return executable_dir() / ("kbench-worker-" + name()); }

const GpuToolchain& GpuBackend::toolchain() {
  std::call_once(toolchain_once_, [&] { toolchain_ = setup_toolchain(probe_device()); });
  return toolchain_;
}

CompiledCandidate GpuBackend::compile(const CompileRequest& req) {
  std::string identity;
  try {
    const GpuToolchain& tc = toolchain();
    identity = tc.identity;
    CachedCompile how;
    how.shim_key =
        entry_shim_source(*req.task, name(), stream_type(), "candidate" + source_extension(), shim_headers(*req.task));
    how.identity = tc.identity;
    how.key_extra = tc.key_extra;
    how.vendor_symbols = vendor_library_symbols();
    how.build = [&](const fs::path& dir, CompiledCandidate& out) { build(tc, dir, req, out); };
    CompiledCandidate out = compile_through_cache(req, how);
    // Added here, not in the cached log: nvcc's conflict message names neither prototype.
    if (!out.ok) out.log += prototype_hint(out.log, solve_signature(*req.task, name(), stream_type()));
    return out;
  } catch (const std::exception& e) {
    CompiledCandidate out;
    out.compiler = identity;
    out.log = "kbench " + name() + " backend: " + e.what();
    return out;
  }
}

void GpuBackend::build(const GpuToolchain& tc, const fs::path& dir, const CompileRequest& req,
                       CompiledCandidate& out) const {
  const auto start = std::chrono::steady_clock::now();
  auto seconds_left = [&] {
    const double used = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return std::max(0.5, req.timeout_seconds - used);
  };
  const std::string source_name = "candidate" + source_extension();
  const fs::path source = dir / source_name, shim = dir / ("entry" + source_extension());
  std::ofstream(source, std::ios::binary) << req.candidate.source;
  std::ofstream(shim, std::ios::binary) << entry_shim_source(*req.task, name(), stream_type(), source,
                                                             shim_headers(*req.task));
  out.artifact = dir / "artifact.so";

  out.ok = true;
  for (const CompileStep& step : tc.steps(dir, shim, out.artifact)) {
    const ProcessResult r = run_process(step.command, seconds_left(), compile_process_options(req, dir, tc.read_only));
    out.log += r.output;
    if (r.timed_out) {
      out.timed_out = true;
      out.log += "\nkbench: " + step.what + " timed out after " + std::to_string(req.timeout_seconds) + " s\n";
    } else if (r.signaled || r.exit_code != 0) {
      out.log += "\nkbench: " + step.what + " failed (exit " + std::to_string(r.exit_code) + ")\n";
    }
    if (r.timed_out || r.signaled || r.exit_code != 0) {
      out.ok = false;
      break;
    }
  }
  out.log = clean_compiler_log(out.log, dir, source_name, req.candidate.file_name);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (out.ok)
    for (const std::string& t : tc.temporaries) fs::remove(dir / t);
}

}  // namespace kbench

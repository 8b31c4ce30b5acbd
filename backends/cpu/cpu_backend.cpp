// CPU backend (host side): compile with g++ -O3 -march=native -fopenmp -fPIC -shared, cache, policy check.
#include "backends/cpu/cpu_backend.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "backends/compile_cache.hpp"
#include "backends/compile_sandbox.hpp"
#include "backends/symbol_policy.hpp"
#include "core/spec/entry_shim.hpp"
#include "core/spec/signature.hpp"
#include "core/util/paths.hpp"
#include "core/util/process.hpp"

namespace kbench {

namespace fs = std::filesystem;

std::string CpuBackend::compiler() {
  const char* cxx = std::getenv("KBENCH_CXX");
  return cxx && *cxx ? cxx : "g++";
}

std::vector<std::string> CpuBackend::flags() {
  // -z defs: a symbol nothing defines (a misspelled or missing solve) is a link error, not a load error.
  return {"-std=c++20", "-O3", "-march=native", "-fopenmp", "-fPIC", "-shared", "-w", "-Wl,-z,defs"};
}

std::optional<DeviceInfo> CpuBackend::probe_device() {
  DeviceInfo d;
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) {
      d.name = line.substr(line.find(':') + 2);
      break;
    }
  if (d.name.empty()) d.name = "unknown CPU";
  const unsigned cores = std::thread::hardware_concurrency();
  d.name += " (" + std::to_string(cores) + " threads)";
  d.arch = "x86_64";
  d.memory_bytes = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
  return d;
}

std::optional<std::uint64_t> CpuBackend::candidate_address_space_limit() const {
  const auto bytes = static_cast<std::uint64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<std::uint64_t>(sysconf(_SC_PAGE_SIZE));
  return std::max<std::uint64_t>(bytes / 4 * 3, 2ull << 30);
}

fs::path CpuBackend::worker_executable() const { return executable_dir() / "kbench-worker-cpu"; }

CompiledCandidate CpuBackend::compile(const CompileRequest& req) {
  static const std::string identity = [] {
    std::string v = program_version(compiler());
    std::string id = v.empty() ? compiler() : v;
    for (const auto& f : flags()) id += " " + f;
    return id;
  }();
  CachedCompile how;
  // The shim text depends on the task signature; key on it through a placeholder path.
  how.shim_key = entry_shim_source(*req.task, name(), stream_type(), "candidate.cpp");
  how.identity = identity;
  how.vendor_symbols = {"cblas_*", "dgemm_*", "sgemm_*", "mkl_*"};
  how.build = [&](const fs::path& dir, CompiledCandidate& out) {
    const fs::path source = dir / "candidate.cpp";
    const fs::path shim = dir / "entry.cpp";
    std::ofstream(source) << req.candidate.source;
    std::ofstream(shim) << entry_shim_source(*req.task, name(), stream_type(), source);
    out.artifact = dir / "candidate.so";
    std::vector<std::string> argv = {compiler()};
    for (const auto& f : flags()) argv.push_back(f);
    argv.insert(argv.end(), {shim.string(), "-o", out.artifact.string()});
    std::vector<fs::path> read_only;
    if (const fs::path cxx = compiler(); cxx.is_absolute()) read_only.push_back(cxx);
    const ProcessResult r = run_process(argv, req.timeout_seconds, compile_process_options(req, dir, read_only));
    out.seconds = r.seconds;
    out.log = r.output;
    out.timed_out = r.timed_out;
    out.ok = !r.timed_out && r.exit_code == 0 && fs::exists(out.artifact);
    if (r.timed_out) out.log += "\ncompiler timed out after " + std::to_string(req.timeout_seconds) + " s";
    out.log = clean_compiler_log(out.log, dir, "candidate.cpp", req.candidate.file_name);
  };
  CompiledCandidate out = compile_through_cache(req, how);
  if (!out.ok) out.log += prototype_hint(out.log, solve_signature(*req.task, name(), stream_type()));  // not cached
  return out;
}

}  // namespace kbench

// HipBackend: hipcc compiles and links the entry shim (which includes the candidate) into a shared object
// in one step, through the shared compile cache; library policy checked on the artifact's imported symbols.
#include "backends/hip/hip_backend.hpp"

#include <chrono>
#include <fstream>
#include <mutex>

#include "backends/compile_cache.hpp"
#include "backends/hip/device_probe.hpp"
#include "backends/hip/toolchain.hpp"
#include "backends/symbol_policy.hpp"
#include "core/spec/entry_shim.hpp"
#include "core/util/paths.hpp"
#include "core/util/process.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;
using namespace kbench::hip;

// Headers the entry shim includes before the candidate (half-precision ones only for f16/bf16 tasks).
std::string hip_prelude(const TaskSpec& task) { return shim_prelude(task, "hip/hip_runtime.h", "hip/hip_fp16.h", "hip/hip_bfloat16.h"); }

// Symbols a candidate may not import when its task forbids vendor libraries (ROCm's BLAS, DNN, FFT,
// sparse, solver and random libraries, run-time compilation and code-object loading, PyTorch).
const std::vector<std::string>& vendor_library_symbols() {
  static const std::vector<std::string> patterns = {
      "rocblas*", "hipblas*", "miopen*", "rocfft*", "hipfft*", "rocsparse*", "hipsparse*", "rocsolver*",
      "hipsolver*", "rocrand*", "hiprand*", "hiprtc*", "hipModuleLoad*", "hipGetProcAddress*",
      "_ZN2at*", "_ZN5torch*", "_ZN3c10*"};
  return patterns;
}

class HipBackend final : public Backend {
 public:
  std::string name() const override { return "hip"; }
  std::string source_extension() const override { return ".hip"; }
  std::string stream_type() const override { return "hipStream_t"; }
  std::string bench_check() const override { return "reference"; }
  fs::path worker_executable() const override { return executable_dir() / "kbench-worker-hip"; }

  std::optional<DeviceInfo> probe_device() override {
    std::call_once(probe_once_, [&] { device_ = probe_hip_device(&why_absent_); });
    return device_;
  }

  CompiledCandidate compile(const CompileRequest& req) override {
    std::string identity;
    try {
      const Setup& setup = setup_once();
      identity = setup.identity;
      CachedCompile how;
      how.shim_key = entry_shim_source(*req.task, name(), stream_type(), "candidate.hip", hip_prelude(*req.task));
      how.identity = setup.identity;
      how.key_extra = '\0' + setup.toolchain.compat_hash;
      how.vendor_symbols = vendor_library_symbols();
      how.build = [&](const fs::path& dir, CompiledCandidate& out) { build(setup, dir, req, out); };
      return compile_through_cache(req, how);
    } catch (const std::exception& e) {
      CompiledCandidate out;
      out.compiler = identity;
      out.log = std::string("kbench hip backend: ") + e.what();
      return out;
    }
  }

 private:
  struct Setup {
    Toolchain toolchain;
    std::vector<std::string> targets;
    std::vector<std::string> flags;
    std::string identity;  // "hipcc 5.2.21153-0 (clang 15.0.6) -std=c++17 -O3 ... --offload-arch=gfx90a ..."
  };

  const Setup& setup_once() {
    std::call_once(setup_once_, [&] {
      Setup s;
      s.toolchain = find_toolchain();
      const auto device = probe_device();
      s.targets = choose_targets(device ? device->arch : "");
      s.flags = hipcc_flags(s.targets, s.toolchain.compat_dir);
      s.identity = "hipcc " + s.toolchain.hip_version + " (clang " + s.toolchain.clang_version + ")";
      for (const auto& f : s.flags)
        if (f.rfind("-I", 0) != 0) s.identity += " " + f;  // the compat folder's path is not part of the identity
      setup_ = std::move(s);
    });
    return setup_;
  }

  // One hipcc call in `dir`: entry.hip (which includes candidate.hip) compiled for every target and linked
  // into artifact.so against the shared HIP runtime (one per worker); -z defs turns any unresolved symbol
  // into a compile error instead of a load error.
  static void build(const Setup& setup, const fs::path& dir, const CompileRequest& req, CompiledCandidate& out) {
    const auto start = std::chrono::steady_clock::now();
    const fs::path source = dir / "candidate.hip", shim = dir / "entry.hip";
    std::ofstream(source, std::ios::binary) << req.candidate.source;
    std::ofstream(shim, std::ios::binary) << entry_shim_source(*req.task, "hip", "hipStream_t", source, hip_prelude(*req.task));
    out.artifact = dir / "artifact.so";
    std::vector<std::string> command = {setup.toolchain.hipcc.string()};
    command.insert(command.end(), setup.flags.begin(), setup.flags.end());
    command.insert(command.end(), {"-shared", shim.string(), "-o", out.artifact.string(), "-Wl,--as-needed",
                                   "-Wl,-z,defs"});
    const ProcessResult r = run_process(command, req.timeout_seconds, dir);
    out.log = r.output;
    out.ok = !r.timed_out && !r.signaled && r.exit_code == 0;
    if (r.timed_out)
      out.log += "\nkbench: hipcc timed out after " + std::to_string(req.timeout_seconds) + " s\n";
    else if (!out.ok)
      out.log += "\nkbench: hipcc failed (exit " + std::to_string(r.exit_code) + ")\n";
    out.timed_out = r.timed_out;
    out.log = clean_compiler_log(out.log, dir, "candidate.hip", req.candidate.file_name);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  std::once_flag probe_once_, setup_once_;
  std::optional<DeviceInfo> device_;
  std::string why_absent_;
  Setup setup_;
};

}  // namespace

std::unique_ptr<Backend> make_hip_backend() { return std::make_unique<HipBackend>(); }

}  // namespace kbench

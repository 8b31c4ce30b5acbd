// CudaBackend: nvcc -c (device code and host stub) then a host link into a shared object, through the
// shared compile cache; library policy checked on the artifact's imported symbols.
#include "backends/cuda/cuda_backend.hpp"

#include <chrono>
#include <fstream>
#include <mutex>

#include "backends/compile_cache.hpp"
#include "backends/cuda/device_probe.hpp"
#include "backends/cuda/toolchain.hpp"
#include "backends/symbol_policy.hpp"
#include "core/spec/entry_shim.hpp"
#include "core/util/paths.hpp"
#include "core/util/process.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;
using namespace kbench::cuda;

// Headers the entry shim includes before the candidate (half-precision ones only for f16/bf16 tasks).
std::string cuda_prelude(const TaskSpec& task) { return shim_prelude(task, "cuda_runtime.h", "cuda_fp16.h", "cuda_bf16.h"); }

// Symbols a candidate may not import when its task forbids vendor libraries.
const std::vector<std::string>& vendor_library_symbols() {
  static const std::vector<std::string> patterns = {
      "cublas*", "cudnn*", "cufft*", "cusparse*", "cusolver*", "curand*", "nvrtc*", "nvJitLink*",
      "cuGetProcAddress*", "cudaGetDriverEntryPoint*", "_ZN2at*", "_ZN5torch*", "_ZN3c10*"};
  return patterns;
}

class CudaBackend final : public Backend {
 public:
  std::string name() const override { return "cuda"; }
  std::string source_extension() const override { return ".cu"; }
  std::string stream_type() const override { return "cudaStream_t"; }
  std::string bench_check() const override { return "reference"; }
  fs::path worker_executable() const override { return executable_dir() / "kbench-worker-cuda"; }

  std::optional<DeviceInfo> probe_device() override {
    std::call_once(probe_once_, [&] { device_ = probe_cuda_device(&why_absent_); });
    return device_;
  }

  CompiledCandidate compile(const CompileRequest& req) override {
    std::string identity;
    try {
      const Setup& setup = setup_once();
      identity = setup.identity;
      CachedCompile how;
      how.shim_key = entry_shim_source(*req.task, name(), stream_type(), "candidate.cu", cuda_prelude(*req.task));
      how.identity = setup.identity;
      how.vendor_symbols = vendor_library_symbols();
      how.build = [&](const fs::path& dir, CompiledCandidate& out) { build(setup, dir, req, out); };
      return compile_through_cache(req, how);
    } catch (const std::exception& e) {
      CompiledCandidate out;
      out.compiler = identity;
      out.log = std::string("kbench cuda backend: ") + e.what();
      return out;
    }
  }

 private:
  struct Setup {
    Toolchain toolchain;
    std::string arch;
    std::vector<std::string> flags;
    std::string identity;  // "nvcc 13.0.88 (g++ 12.2.0) -std=c++17 -O3 ... -gencode=arch=compute_90,code=sm_90"
  };

  const Setup& setup_once() {
    std::call_once(setup_once_, [&] {
      Setup s;
      s.toolchain = find_toolchain();
      const auto device = probe_device();
      s.arch = choose_arch(device ? device->arch : "");
      s.flags = nvcc_flags(s.arch);
      s.identity = "nvcc " + s.toolchain.nvcc_version + " (" + s.toolchain.host_cxx + " " +
                   s.toolchain.host_cxx_version + ")";
      for (const auto& f : s.flags) s.identity += " " + f;
      setup_ = std::move(s);
    });
    return setup_;
  }

  // Two steps in `dir`: nvcc -c entry.cu (which includes candidate.cu), then the host compiler links
  // artifact.so against the toolkit's shared cudart (one CUDA runtime per worker) and, as needed, the
  // vendor libraries; -z defs turns any unresolved symbol into a compile error instead of a load error.
  static void build(const Setup& setup, const fs::path& dir, const CompileRequest& req, CompiledCandidate& out) {
    const auto start = std::chrono::steady_clock::now();
    auto seconds_left = [&] {
      const double used = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return std::max(0.5, req.timeout_seconds - used);
    };
    const fs::path source = dir / "candidate.cu", shim = dir / "entry.cu", object = dir / "entry.o";
    std::ofstream(source, std::ios::binary) << req.candidate.source;
    std::ofstream(shim, std::ios::binary) << entry_shim_source(*req.task, "cuda", "cudaStream_t", source, cuda_prelude(*req.task));
    const Toolchain& tc = setup.toolchain;

    std::vector<std::string> compile = {tc.nvcc.string(), "-ccbin", tc.host_cxx};
    compile.insert(compile.end(), setup.flags.begin(), setup.flags.end());
    compile.insert(compile.end(), {"-c", shim.string(), "-o", object.string()});
    out.artifact = dir / "artifact.so";
    std::vector<std::string> link = {tc.host_cxx, "-shared", "-o", out.artifact.string(), object.string(),
                                     "-L" + tc.library_dir.string(), "-Wl,-rpath," + tc.library_dir.string(),
                                     "-Wl,--as-needed"};
    for (const auto& lib : tc.link_libraries) link.push_back("-l" + lib);
    if (fs::exists(tc.library_dir / "stubs" / "libcuda.so"))
      link.insert(link.end(), {"-L" + (tc.library_dir / "stubs").string(), "-lcuda"});
    link.insert(link.end(), {"-lcudart", "-Wl,-z,defs"});

    out.ok = true;
    for (const auto* step : {&compile, &link}) {
      const ProcessResult r = run_process(*step, seconds_left(), dir);
      out.log += r.output;
      if (r.timed_out) {
        out.timed_out = true;
        out.log += "\nkbench: compile step timed out after " + std::to_string(req.timeout_seconds) + " s\n";
      } else if (r.signaled || r.exit_code != 0) {
        out.log += "\nkbench: compile step failed (exit " + std::to_string(r.exit_code) + ")\n";
      }
      if (r.timed_out || r.signaled || r.exit_code != 0) {
        out.ok = false;
        break;
      }
    }
    out.log = clean_compiler_log(out.log, dir, "candidate.cu", req.candidate.file_name);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (out.ok) fs::remove(object);
  }

  std::once_flag probe_once_, setup_once_;
  std::optional<DeviceInfo> device_;
  std::string why_absent_;
  Setup setup_;
};

}  // namespace

std::unique_ptr<Backend> make_cuda_backend() { return std::make_unique<CudaBackend>(); }

}  // namespace kbench

// HipBackend: the GpuBackend flow with hipcc. One step: hipcc compiles entry.hip (the entry shim, which
// includes candidate.hip) for every chosen target and links artifact.so against the shared HIP runtime
// (one per worker); -z defs turns any unresolved symbol into a compile error instead of a load error.
#include "backends/hip/hip_backend.hpp"

#include "backends/gpu/gpu_backend.hpp"
#include "backends/hip/device_probe.hpp"
#include "backends/hip/toolchain.hpp"
#include "core/spec/entry_shim.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;

class HipBackend final : public GpuBackend {
 public:
  std::string name() const override { return "hip"; }
  std::string source_extension() const override { return ".hip"; }
  std::string stream_type() const override { return "hipStream_t"; }
  // ROCm's compute interface and the render nodes.
  std::vector<fs::path> sandbox_devices() const override { return {"/dev/kfd", "/dev/dri"}; }

 protected:
  std::optional<DeviceInfo> probe_vendor_device(std::string* why_absent) override {
    return hip::probe_hip_device(why_absent);
  }

  std::string shim_headers(const TaskSpec& task) const override {
    return shim_prelude(task, "hip/hip_runtime.h", "hip/hip_fp16.h", "hip/hip_bfloat16.h");  // half types for f16/bf16 only
  }

  // ROCm's BLAS, DNN, FFT, sparse, solver and random libraries, run-time compilation and code-object
  // loading, PyTorch.
  std::vector<std::string> vendor_library_symbols() const override {
    return {"rocblas*",  "hipblas*",  "miopen*",    "rocfft*",   "hipfft*", "rocsparse*",     "hipsparse*",
            "rocsolver*", "hipsolver*", "rocrand*", "hiprand*",  "hiprtc*", "hipModuleLoad*", "hipGetProcAddress*",
            "_ZN2at*",   "_ZN5torch*", "_ZN3c10*"};
  }

  // Identity: "hipcc 5.2.21153-0 (clang 15.0.6) -std=c++17 -O3 ... --offload-arch=gfx90a ..." (the compat
  // folder's path is not part of it; the compat headers' hash is part of the cache key instead).
  GpuToolchain setup_toolchain(const std::optional<DeviceInfo>& device) override {
    const hip::Toolchain tc = hip::find_toolchain();
    const std::vector<std::string> flags = hip::hipcc_flags(hip::choose_targets(device ? device->arch : ""), tc.compat_dir);
    GpuToolchain out;
    out.identity = "hipcc " + tc.hip_version + " (clang " + tc.clang_version + ")";
    for (const auto& f : flags)
      if (f.rfind("-I", 0) != 0) out.identity += " " + f;
    out.key_extra = '\0' + tc.compat_hash;
    // The compat headers include ../../gpu/vendor.hpp: backends/ read-only, hipcc and ROCm where they live.
    out.read_only = {tc.compat_dir.parent_path().parent_path(), tc.hipcc, "/opt/rocm"};
    out.steps = [hipcc = tc.hipcc, flags](const fs::path&, const fs::path& shim, const fs::path& artifact) {
      std::vector<std::string> command = {hipcc.string()};
      command.insert(command.end(), flags.begin(), flags.end());
      command.insert(command.end(), {"-shared", shim.string(), "-o", artifact.string(), "-Wl,--as-needed", "-Wl,-z,defs"});
      return std::vector<CompileStep>{{command, "hipcc"}};
    };
    return out;
  }
};

}  // namespace

std::unique_ptr<Backend> make_hip_backend() { return std::make_unique<HipBackend>(); }

}  // namespace kbench

// CudaBackend: the GpuBackend flow with nvcc. Two steps: nvcc -c entry.cu (device code and host stub, the
// entry shim including candidate.cu), then the host compiler links artifact.so against the toolkit's
// shared cudart (one CUDA runtime per worker) and, as needed, the vendor libraries.
#include "backends/cuda/cuda_backend.hpp"

#include "backends/cuda/device_probe.hpp"
#include "backends/cuda/toolchain.hpp"
#include "backends/gpu/gpu_backend.hpp"
#include "core/spec/entry_shim.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;

class CudaBackend final : public GpuBackend {
 public:
  std::string name() const override { return "cuda"; }
  std::string source_extension() const override { return ".cu"; }
  std::string stream_type() const override { return "cudaStream_t"; }
  // The driver's nodes: /dev/nvidiactl, /dev/nvidia<N>, /dev/nvidia-uvm(-tools), /dev/nvidia-modeset (not
  // /dev/nvidia-caps, MIG administration).
  std::vector<fs::path> sandbox_devices() const override {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/dev", ec)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("nvidia", 0) == 0 && name != "nvidia-caps") out.push_back(e.path());
    }
    return out;
  }

 protected:
  std::optional<DeviceInfo> probe_vendor_device(std::string* why_absent) override {
    return cuda::probe_cuda_device(why_absent);
  }

  std::string shim_headers(const TaskSpec& task) const override {
    return shim_prelude(task, "cuda_runtime.h", "cuda_fp16.h", "cuda_bf16.h");  // half types for f16/bf16 only
  }

  std::vector<std::string> vendor_library_symbols() const override {
    return {"cublas*", "cudnn*", "cufft*", "cusparse*", "cusolver*", "curand*", "nvrtc*", "nvJitLink*",
            "cuGetProcAddress*", "cudaGetDriverEntryPoint*", "_ZN2at*", "_ZN5torch*", "_ZN3c10*"};
  }

  // Identity: "nvcc 13.0.88 (g++ 12.2.0) -std=c++17 -O3 ... -gencode=arch=compute_90,code=sm_90". The link
  // uses -z defs, so an unresolved symbol is a compile error instead of a load error.
  GpuToolchain setup_toolchain(const std::optional<DeviceInfo>& device) override {
    const cuda::Toolchain tc = cuda::find_toolchain();
    const std::vector<std::string> flags = cuda::nvcc_flags(cuda::choose_arch(device ? device->arch : ""));
    GpuToolchain out;
    out.identity = "nvcc " + tc.nvcc_version + " (" + tc.host_cxx + " " + tc.host_cxx_version + ")";
    for (const auto& f : flags) out.identity += " " + f;
    out.temporaries = {"entry.o"};
    out.read_only = {tc.nvcc, tc.include_dir.parent_path(), tc.library_dir};
    if (const fs::path cxx = tc.host_cxx; cxx.is_absolute()) out.read_only.push_back(cxx);
    out.steps = [tc, flags](const fs::path& dir, const fs::path& shim, const fs::path& artifact) {
      const fs::path object = dir / "entry.o";
      std::vector<std::string> compile = {tc.nvcc.string(), "-ccbin", tc.host_cxx};
      compile.insert(compile.end(), flags.begin(), flags.end());
      compile.insert(compile.end(), {"-c", shim.string(), "-o", object.string()});
      std::vector<std::string> link = {tc.host_cxx, "-shared", "-o", artifact.string(), object.string(),
                                       "-L" + tc.library_dir.string(), "-Wl,-rpath," + tc.library_dir.string(),
                                       "-Wl,--as-needed"};
      for (const auto& lib : tc.link_libraries) link.push_back("-l" + lib);
      if (fs::exists(tc.library_dir / "stubs" / "libcuda.so"))
        link.insert(link.end(), {"-L" + (tc.library_dir / "stubs").string(), "-lcuda"});
      link.insert(link.end(), {"-lcudart", "-Wl,-z,defs"});
      return std::vector<CompileStep>{{compile, "compile step"}, {link, "compile step"}};
    };
    return out;
  }
};

}  // namespace

std::unique_ptr<Backend> make_cuda_backend() { return std::make_unique<CudaBackend>(); }

}  // namespace kbench

// Helpers shared by the CUDA test suites: the GPU-or-skip guard, task loading, compiling a source
// string with the CUDA backend, and small candidate sources that misbehave on purpose.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "backends/backend.hpp"
#include "backends/cuda/device_probe.hpp"
#include "core/spec/task_spec.hpp"
#include "core/util/hash.hpp"
#include "core/util/paths.hpp"

namespace kbench::cuda_test {

// Skips the current test, with the reason, when this machine has no usable CUDA device.
#define KBENCH_REQUIRE_GPU()                                                    \
  do {                                                                          \
    std::string kbench_why_;                                                    \
    if (!::kbench::cuda::probe_cuda_device(&kbench_why_))                       \
      GTEST_SKIP() << "no CUDA device on this machine (" << kbench_why_ << ")"; \
  } while (0)

inline TaskSpec load_task(const std::string& id) {
  return load_task_spec(kbench_root() / "tasks" / (id + ".json"));
}

inline std::filesystem::path test_cache_dir() {
  const auto dir = std::filesystem::temp_directory_path() / "kbench-cuda-tests";
  std::filesystem::create_directories(dir);
  return dir;
}

inline CompiledCandidate compile_source(Backend& backend, const TaskSpec& task, const std::string& source,
                                        bool enforce_policy = true) {
  CompileRequest req;
  req.task = &task;
  req.candidate = {source, sha256_hex(source), "candidate.cu"};
  req.work_dir = test_cache_dir();
  req.timeout_seconds = 120;
  req.enforce_library_policy = enforce_policy;
  return backend.compile(req);
}

inline std::string read_reference(const TaskSpec& task) {
  std::ifstream in(kbench_root() / "reference_kernels" / task.references.at("cuda"));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// vector_add candidates that misbehave. Each differs so the compile cache cannot mix them up.
inline const char* kSpinKernel = R"(
__global__ void kbench_spin(long long cycles) { const long long t0 = clock64(); while (clock64() - t0 < cycles) {} }
__global__ void kbench_add(const float* a, const float* b, float* c, int64_t n, int64_t extra) {
  const int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x;
  if (i < n + extra) c[i] = a[i < n ? i : 0] + b[i < n ? i : 0];
}
)";

inline std::string oob_write_candidate() {  // writes 16 floats past the end of c: into its guard
  return std::string("#include <cuda_runtime.h>\n#include <cstdint>\n") + kSpinKernel + R"(
extern "C" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t s) {
  kbench_add<<<(n + 16 + 255) / 256, 256, 0, s>>>(a, b, c, n, 16);
})";
}

inline std::string illegal_address_candidate() {
  return std::string("#include <cuda_runtime.h>\n#include <cstdint>\n") + R"(
__global__ void bad(float* c) { *(float*)(0x10) = c[0]; }
extern "C" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t s) { bad<<<1, 1, 0, s>>>(c); })";
}

// Spins ~`cycles` on a stream of its own (non-blocking or blocking), then adds there; returns at once.
inline std::string side_stream_candidate(bool non_blocking, long long cycles) {
  return std::string("#include <cuda_runtime.h>\n#include <cstdint>\n") + kSpinKernel +
         "extern \"C\" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t) {\n"
         "  static cudaStream_t own = [] { cudaStream_t t; cudaStreamCreateWithFlags(&t, " +
         (non_blocking ? "cudaStreamNonBlocking" : "cudaStreamDefault") +
         "); return t; }();\n"
         "  kbench_spin<<<1, 1, 0, own>>>(" + std::to_string(cycles) + "LL);\n"
         "  kbench_add<<<(n + 255) / 256, 256, 0, own>>>(a, b, c, n, 0);\n}\n";
}

}  // namespace kbench::cuda_test

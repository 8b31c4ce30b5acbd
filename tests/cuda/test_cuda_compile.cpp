// CUDA backend, host side: toolchain and architecture choice, compiling references and broken candidates,
// library policy on the artifact, the compile cache. Needs nvcc, not a GPU.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include <cstdlib>

#include "backends/cuda/toolchain.hpp"
#include "tests/compile_log_checks.hpp"
#include "tests/cuda/cuda_test_support.hpp"

namespace kbench {
namespace {
using namespace cuda_test;

TEST(CudaToolchain, NormalizesArchitectures) {
  EXPECT_EQ(cuda::normalize_arch("90"), "sm_90");
  EXPECT_EQ(cuda::normalize_arch("sm_90"), "sm_90");
  EXPECT_EQ(cuda::normalize_arch("compute_80"), "sm_80");
  EXPECT_EQ(cuda::normalize_arch("sm_90a"), "sm_90a");
  EXPECT_EQ(cuda::normalize_arch("sm_100"), "sm_100");
  EXPECT_THROW(cuda::normalize_arch("hopper"), std::invalid_argument);
  EXPECT_THROW(cuda::normalize_arch("sm_9"), std::invalid_argument);
  EXPECT_EQ(cuda::gencode_flag("sm_90"), "-gencode=arch=compute_90,code=sm_90");
  EXPECT_EQ(cuda::gencode_flag("sm_90a"), "-gencode=arch=compute_90a,code=sm_90a");
}

TEST(CudaToolchain, EnvironmentOverridesTheDeviceArchitecture) {
  setenv("KBENCH_CUDA_ARCH", "80", 1);
  EXPECT_EQ(cuda::choose_arch("sm_90"), "sm_80");
  unsetenv("KBENCH_CUDA_ARCH");
  EXPECT_EQ(cuda::choose_arch("sm_90"), "sm_90");
  EXPECT_FALSE(cuda::choose_arch("").empty());
}

// nvcc reached through a wrapper script outside the toolkit (as /usr/local/bin/nvcc is on some machines):
// the toolkit is still the wrapped nvcc's, not the wrapper's parent directory.
TEST(CudaToolchain, FindsTheToolkitBehindAWrapperScript) {
  const auto real = cuda::find_toolchain();
  const auto dir = std::filesystem::temp_directory_path() / ("kbench-nvcc-wrapper-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "bin");
  const auto wrapper = dir / "bin" / "nvcc";
  {
    std::ofstream out(wrapper);
    out << "#!/bin/sh\nexec " << std::filesystem::canonical(real.nvcc).string() << " \"$@\"\n";
  }
  std::filesystem::permissions(wrapper, std::filesystem::perms::owner_all);
  setenv("KBENCH_NVCC", wrapper.c_str(), 1);
  const auto wrapped = cuda::find_toolchain();
  unsetenv("KBENCH_NVCC");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(wrapped.nvcc, wrapper);
  EXPECT_EQ(wrapped.library_dir, real.library_dir);
  EXPECT_EQ(wrapped.include_dir, real.include_dir);
  EXPECT_TRUE(std::filesystem::exists(wrapped.library_dir / "libcudart.so"));
}

TEST(CudaBackend, IsRegistered) {
  const auto names = backend_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "cuda"), names.end());
  auto backend = make_backend("cuda");
  EXPECT_EQ(backend->name(), "cuda");
  EXPECT_EQ(backend->source_extension(), ".cu");
  EXPECT_EQ(backend->stream_type(), "cudaStream_t");
  EXPECT_EQ(backend->bench_check(), "reference");
}

TEST(CudaBackend, CompilesTheReferencesOfTheFirstSevenTasks) {
  auto backend = make_backend("cuda");
  for (const char* id : {"elementwise/vector_add", "activation/relu", "reduction/sum_rows", "loss/mse_loss",
                         "normalization/softmax", "normalization/layernorm", "matmul/matmul"}) {
    const TaskSpec task = load_task(id);
    const CompiledCandidate c = compile_source(*backend, task, read_reference(task));
    EXPECT_TRUE(c.ok) << id << ":\n" << c.log;
    EXPECT_TRUE(c.policy_violation.empty()) << id << ": " << c.policy_violation;
    EXPECT_TRUE(std::filesystem::exists(c.artifact)) << id;
    EXPECT_NE(c.compiler.find("nvcc"), std::string::npos);
  }
}

TEST(CudaBackend, ReportsCompileErrorsWithTheCandidateFileName) {
  auto backend = make_backend("cuda");
  const TaskSpec task = load_task("elementwise/vector_add");
  const auto c = compile_source(*backend, task, "#include <cstdint>\nthis is not C++;\n");
  EXPECT_FALSE(c.ok);
  EXPECT_TRUE(c.artifact.empty());
  EXPECT_NE(c.log.find("candidate.cu"), std::string::npos) << c.log;
  EXPECT_NE(c.log.find("error"), std::string::npos) << c.log;
}

TEST(CudaBackend, RejectsAWrongSignature) {
  auto backend = make_backend("cuda");
  const TaskSpec task = load_task("elementwise/vector_add");
  const auto c = compile_source(*backend, task,
                                "#include <cuda_runtime.h>\nextern \"C\" void solve(const float* a, const float* b, "
                                "float* c, int n, cudaStream_t s) {}\n");
  EXPECT_FALSE(c.ok) << c.log;
  EXPECT_TRUE(c.artifact.empty());
  // The failure must be the signature check (nvcc: two extern "C" solve() declarations), not any error.
  EXPECT_TRUE(test::is_signature_error(c.log)) << c.log;
  // nvcc's message names neither declaration: kbench adds the prototype the task expects.
  EXPECT_NE(c.log.find("it must be exactly:\n  extern \"C\" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t stream);"),
            std::string::npos) << c.log;
}

TEST(CudaBackend, AnUndefinedFunctionIsACompileErrorNotALoadError) {
  auto backend = make_backend("cuda");
  const TaskSpec task = load_task("elementwise/vector_add");
  const auto c = compile_source(*backend, task,
                                "#include <cuda_runtime.h>\n#include <cstdint>\nextern \"C\" void missing_helper();\n"
                                "extern \"C\" void solve(const float*, const float*, float*, int64_t, cudaStream_t) "
                                "{ missing_helper(); }\n");
  EXPECT_FALSE(c.ok);
  EXPECT_NE(c.log.find("missing_helper"), std::string::npos) << c.log;
}

TEST(CudaBackend, LibraryPolicyIsCheckedOnTheArtifact) {
  auto backend = make_backend("cuda");
  const TaskSpec task = load_task("matmul/matmul");
  ASSERT_FALSE(task.allow_libraries);
  ASSERT_TRUE(task.vendor.count("cuda"));
  std::ifstream in(kbench_root() / "reference_kernels" / task.vendor.at("cuda"));
  std::stringstream vendor;
  vendor << in.rdbuf();
  const auto as_candidate = compile_source(*backend, task, vendor.str(), /*enforce_policy=*/true);
  ASSERT_TRUE(as_candidate.ok) << as_candidate.log;
  EXPECT_NE(as_candidate.policy_violation.find("cublas"), std::string::npos) << as_candidate.policy_violation;
  const auto as_baseline = compile_source(*backend, task, vendor.str(), /*enforce_policy=*/false);
  ASSERT_TRUE(as_baseline.ok) << as_baseline.log;
  EXPECT_TRUE(as_baseline.policy_violation.empty());
}

TEST(CudaBackend, RunTimeLoadingIsForbiddenEvenWhenLibrariesAreAllowed) {
  auto backend = make_backend("cuda");
  TaskSpec task = load_task("elementwise/vector_add");
  task.allow_libraries = true;
  const auto c = compile_source(*backend, task,
                                "#include <cuda_runtime.h>\n#include <cstdint>\n#include <dlfcn.h>\n"
                                "extern \"C\" void solve(const float*, const float*, float*, int64_t, cudaStream_t) "
                                "{ dlopen(\"libcublas.so\", RTLD_NOW); }\n");
  ASSERT_TRUE(c.ok) << c.log;
  EXPECT_NE(c.policy_violation.find("dlopen"), std::string::npos) << c.policy_violation;
}

TEST(CudaBackend, SecondCompileOfTheSameSourceIsACacheHit) {
  auto backend = make_backend("cuda");
  const TaskSpec task = load_task("activation/relu");
  // A source no earlier run compiled (the cache folder outlives test runs): unique per process and time.
  const std::string source = read_reference(task) + "\n// cache test " + std::to_string(::getpid()) + " " +
                             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "\n";
  const auto first = compile_source(*backend, task, source);
  const auto second = compile_source(*backend, task, source);
  ASSERT_TRUE(first.ok && second.ok) << first.log << second.log;
  EXPECT_FALSE(first.cached);
  EXPECT_TRUE(second.cached);
  EXPECT_EQ(first.artifact, second.artifact);
}

TEST(CudaBackend, ArchitectureOverrideChangesTheBuild) {
  setenv("KBENCH_CUDA_ARCH", "sm_80", 1);
  auto backend = make_backend("cuda");  // a fresh backend reads the override
  const TaskSpec task = load_task("activation/relu");
  const auto c = compile_source(*backend, task, read_reference(task));
  unsetenv("KBENCH_CUDA_ARCH");
  ASSERT_TRUE(c.ok) << c.log;
  EXPECT_NE(c.compiler.find("code=sm_80"), std::string::npos) << c.compiler;
}

TEST(CudaBackend, ProbeAnswersWithoutThrowing) {
  auto backend = make_backend("cuda");
  const auto device = backend->probe_device();
  if (!std::filesystem::exists("/dev/nvidiactl")) {
    EXPECT_FALSE(device.has_value());
  }
  if (device) {
    EXPECT_EQ(device->arch.rfind("sm_", 0), 0u);
    EXPECT_GT(device->memory_bytes, 0);
    EXPECT_GT(device->l2_bytes, 0);
  }
}

}  // namespace
}  // namespace kbench

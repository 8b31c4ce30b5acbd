// One GPU worker for two vendors: kbench-worker-cuda and kbench-worker-hip are the same runtime sources
// (backends/gpu), the HIP one built with KBENCH_GPU_HIP so that backends/gpu/vendor.hpp maps them to HIP.
// These tests check that both builds exist, that each calls only its own vendor's runtime, and that each
// starts on it: with no GPU of that vendor, the shared code's checked calls fail with that runtime's own
// error names.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "backends/symbol_policy.hpp"
#include "harness/worker/supervisor.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;

bool imports(const std::vector<std::string>& symbols, const std::string& name) {
  return std::find(symbols.begin(), symbols.end(), name) != symbols.end();
}

std::size_t count_prefixed(const std::vector<std::string>& symbols, const std::string& prefix) {
  return std::count_if(symbols.begin(), symbols.end(), [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
}

// Starts the worker, asks for the device description; returns the reply and the worker's log.
std::pair<WorkerReply, std::string> ask_info(const fs::path& worker) {
  test::TempDir tmp;
  WorkerProcess process(worker, tmp.path / "worker.log");
  WorkerReply reply = process.request(protocol::InfoRequest{}, 120);
  return {reply, process.log_tail()};
}

void expect_vendor_runtime(const fs::path& worker, const std::string& own, const std::string& other) {
  ASSERT_TRUE(fs::exists(worker)) << worker;
  const auto symbols = imported_symbols(worker);
  // The calls the shared runtime makes: staging copies, event timing, the L2 flush, error names.
  for (const char* call : {"MemcpyAsync", "EventElapsedTime", "MemsetAsync", "GetErrorName", "DeviceSynchronize"})
    EXPECT_TRUE(imports(symbols, own + call)) << worker.filename() << " does not import " << own << call;
  EXPECT_EQ(count_prefixed(symbols, other), 0u) << worker.filename() << " imports " << other << "* symbols";
}

TEST(SharedGpuWorker, HipBuildCallsTheHipRuntimeOnly) {
  expect_vendor_runtime(test::bin_dir() / "kbench-worker-hip", "hip", "cuda");
}

TEST(SharedGpuWorker, HipBuildStartsOnTheHipRuntime) {
  const auto [reply, log] = ask_info(test::bin_dir() / "kbench-worker-hip");
  if (reply.kind == WorkerReply::Kind::ok) {  // an AMD GPU is present
    EXPECT_EQ(reply.body.at("device").at("arch").get<std::string>().empty(), false) << reply.body.dump();
    return;
  }
  // No AMD GPU: the shared constructor's first checked call fails with HIP's error name.
  EXPECT_EQ(reply.kind, WorkerReply::Kind::died) << reply.detail;
  EXPECT_NE(log.find("hipError"), std::string::npos) << log;
  EXPECT_NE(log.find("cudaGetDeviceCount"), std::string::npos) << log;  // the shared source's call text
}

#ifdef KBENCH_TEST_CUDA_WORKER
TEST(SharedGpuWorker, CudaBuildCallsTheCudaRuntimeOnly) {
  expect_vendor_runtime(test::bin_dir() / "kbench-worker-cuda", "cuda", "hip");
}

TEST(SharedGpuWorker, CudaBuildStartsOnTheCudaRuntime) {
  const auto [reply, log] = ask_info(test::bin_dir() / "kbench-worker-cuda");
  if (reply.kind == WorkerReply::Kind::ok) {  // an NVIDIA GPU is present
    EXPECT_EQ(reply.body.at("device").at("arch").get<std::string>().rfind("sm_", 0), 0u) << reply.body.dump();
    return;
  }
  EXPECT_EQ(reply.kind, WorkerReply::Kind::died) << reply.detail;
  EXPECT_NE(log.find("cudaError"), std::string::npos) << log;
}
#else
TEST(SharedGpuWorker, CudaBuild) { GTEST_SKIP() << "the CUDA toolkit was not found at configure time: kbench-worker-cuda is not built"; }
#endif

}  // namespace
}  // namespace kbench

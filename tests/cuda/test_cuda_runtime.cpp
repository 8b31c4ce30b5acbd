// CUDA worker runtime on the GPU: staging with guards, out-of-bounds detection, timing with events,
// L2 flush and rotation, and work hidden on other streams. Skips without a GPU.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "backends/gpu/gpu_runtime.hpp"
#include "harness/eval/call_plan.hpp"
#include "core/verdict/verdict.hpp"
#include "tests/cuda/cuda_test_support.hpp"

namespace kbench {
namespace {
using namespace cuda_test;

struct Staged {
  CallPlan plan;
  Arena arena;
};

Staged stage(const TaskSpec& task, const ShapeSet& shape, int sets, std::uint64_t seed) {
  Staged s{plan_call(task, shape, sets), {}};
  s.arena = Arena::create(s.plan.arena_bytes);
  for (std::size_t i = 0; i < s.plan.sets.size(); ++i) {
    fill_inputs(s.plan, s.arena, s.plan.sets[i], seed + i);
    poison_outputs(s.arena, s.plan.sets[i]);
    fill_guards(s.arena, s.plan.sets[i]);
  }
  return s;
}

// Exact check for vector_add: the GPU adds the same two floats the oracle sees.
void expect_vector_add_correct(const Staged& s, const CallLayout& layout) {
  const auto expected = oracle_outputs(s.plan, s.arena, layout);
  const auto got = arena_outputs(s.arena, layout);
  const auto& e = expected.at("c");
  const auto& g = got.at("c");
  ASSERT_EQ(e.size(), g.size());
  for (std::size_t i = 0; i < e.size(); ++i) {
    ASSERT_FALSE(std::isnan(g[i])) << "unwritten output at " << i;
    ASSERT_NEAR(g[i], e[i], 1e-6 * (1 + std::fabs(e[i]))) << "at " << i;
  }
}

class CudaRuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    KBENCH_REQUIRE_GPU();
    backend = make_backend("cuda");
    task = load_task("elementwise/vector_add");
    runtime = std::make_unique<gpu::GpuRuntime>();
  }
  std::string compile(const std::string& source) {
    const auto c = compile_source(*backend, task, source, false);
    EXPECT_TRUE(c.ok) << c.log;
    return c.artifact.string();
  }
  static TimingPolicy quick_policy() {
    TimingPolicy p;
    p.warmup_calls = 2;
    p.warmup_ms = 2;
    p.min_samples = 10;
    p.min_time_ms = 5;
    p.max_time_ms = 500;
    return p;
  }
  std::unique_ptr<Backend> backend;
  TaskSpec task;
  std::unique_ptr<gpu::GpuRuntime> runtime;
};

TEST_F(CudaRuntimeTest, DeviceInfoHasMeasuredBandwidth) {
  const auto info = runtime->device_info();
  EXPECT_EQ(info.at("arch").get<std::string>().rfind("sm_", 0), 0u);
  EXPECT_GT(info.at("l2_bytes").get<double>(), 0);
  const double measured = info.at("peak_bandwidth_bytes_per_s").get<double>();
  const double nominal = info.at("extra").at("nominal_bandwidth_bytes_per_s").get<double>();
  EXPECT_GT(measured, 0.2 * nominal);
  EXPECT_LT(measured, 1.2 * nominal);
  std::printf("device: %s, copy bandwidth %.0f GB/s (nominal %.0f GB/s)\n", info.at("name").get<std::string>().c_str(),
              measured / 1e9, nominal / 1e9);
}

TEST_F(CudaRuntimeTest, RunOnceComputesAndKeepsGuardsIntact) {
  runtime->load("candidate", compile(read_reference(task)));
  for (double n : {1.0, 7.0, 65537.0}) {
    Staged s = stage(task, {{"n", n}}, 1, 42);
    runtime->run_once("candidate", s.arena, s.plan.sets[0]);
    EXPECT_EQ(damaged_guard(s.arena, s.plan.sets[0]), "");
    expect_vector_add_correct(s, s.plan.sets[0]);
  }
  EXPECT_FALSE(runtime->poisoned());
}

// The trusted worker's reference runs at bench shapes bring back only the outputs (RunRequest::outputs_only):
// an input the kernel wrote on the device stays as the parent wrote it in the arena, the output and its
// guards come back; a full run brings the input back too.
TEST_F(CudaRuntimeTest, AnOutputsOnlyRunBringsBackTheOutputsAndNoInput) {
  runtime->load("candidate", compile(R"(#include <cstdint>
#include <cuda_runtime.h>
__global__ void add_and_scribble(float* a, const float* b, float* c, int64_t n) {
  const int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x;
  if (i < n) { c[i] = a[i] + b[i]; a[i] = 12345.0f; }
}
extern "C" void solve(const float* a, const float* b, float* c, int64_t n, cudaStream_t stream) {
  add_and_scribble<<<(n + 255) / 256, 256, 0, stream>>>(const_cast<float*>(a), b, c, n);
})"));
  for (bool outputs_only : {true, false}) {
    Staged s = stage(task, {{"n", 4097.0}}, 1, 5);
    const ArgSlot& a = s.plan.sets[0].args[0];
    ASSERT_FALSE(a.is_output);
    float first = 0;
    std::memcpy(&first, s.arena.data() + a.offset, sizeof first);
    ASSERT_NE(first, 12345.0f);
    runtime->run_once("candidate", s.arena, s.plan.sets[0], outputs_only);
    float after = 0;
    std::memcpy(&after, s.arena.data() + a.offset, sizeof after);
    EXPECT_EQ(after == 12345.0f, !outputs_only) << "outputs_only " << outputs_only;
    EXPECT_EQ(damaged_guard(s.arena, s.plan.sets[0]), "");
    const auto c = arena_outputs(s.arena, s.plan.sets[0]).at("c");
    EXPECT_FALSE(std::isnan(c[0]) || std::isnan(c[c.size() - 1]));
  }
}

TEST_F(CudaRuntimeTest, OutOfBoundsWriteOnTheDeviceLandsInAGuard) {
  runtime->load("candidate", compile(oob_write_candidate()));
  Staged s = stage(task, {{"n", 1000.0}}, 1, 7);
  runtime->run_once("candidate", s.arena, s.plan.sets[0]);
  EXPECT_EQ(damaged_guard(s.arena, s.plan.sets[0]), "c");
}

TEST_F(CudaRuntimeTest, TimesEveryInputSetAndLeavesTheirOutputs) {
  runtime->load("candidate", compile(read_reference(task)));
  Staged s = stage(task, {{"n", double(1 << 22)}}, 3, 99);
  const TimingResult r = time_in_process(*runtime, "candidate", s.arena, s.plan.sets, quick_policy());
  EXPECT_EQ(r.method, "cuda-events-cold");
  EXPECT_GE(r.samples_ns.size(), 10u);
  EXPECT_FALSE(r.notes.at("work_outside_timed_stream").get<bool>());
  const double median = summarize_samples(r.samples_ns, r.method).median_ns;
  // 4M floats, 48 MiB moved: above 5 us even at 10 TB/s, far under 10 ms.
  EXPECT_GT(median, 5e3);
  EXPECT_LT(median, 1e7);
  for (const auto& layout : s.plan.sets) {
    EXPECT_EQ(damaged_guard(s.arena, layout), "");
    expect_vector_add_correct(s, layout);
  }
  std::printf("vector_add n=4M: median %.1f us over %zu samples (%s)\n", median / 1e3, r.samples_ns.size(),
              r.notes.dump().c_str());
}

TEST_F(CudaRuntimeTest, WorkOnABlockingSideStreamIsTimedByTheEvents) {
  constexpr long long kCycles = 4'000'000;  // ~2 ms at H100 clocks
  runtime->load("candidate", compile(side_stream_candidate(false, kCycles)));
  Staged s = stage(task, {{"n", 4096.0}}, 2, 5);
  const TimingResult r = time_in_process(*runtime, "candidate", s.arena, s.plan.sets, quick_policy());
  const double median = summarize_samples(r.samples_ns, r.method).median_ns;
  EXPECT_EQ(r.method, "cuda-events-cold");
  EXPECT_GT(median, 1e6) << r.notes.dump();
  for (const auto& layout : s.plan.sets) expect_vector_add_correct(s, layout);
}

TEST_F(CudaRuntimeTest, WorkOnANonBlockingStreamIsFlaggedAndTimedByTheHostClock) {
  constexpr long long kCycles = 4'000'001;
  runtime->load("candidate", compile(side_stream_candidate(true, kCycles)));
  Staged s = stage(task, {{"n", 4096.0}}, 2, 6);
  const TimingResult r = time_in_process(*runtime, "candidate", s.arena, s.plan.sets, quick_policy());
  const double median = summarize_samples(r.samples_ns, r.method).median_ns;
  EXPECT_EQ(r.method, "cuda-wall-device-sync") << r.notes.dump();
  EXPECT_TRUE(r.notes.at("work_outside_timed_stream").get<bool>());
  EXPECT_GT(median, 1e6) << r.notes.dump();
  for (const auto& layout : s.plan.sets) expect_vector_add_correct(s, layout);
}

}  // namespace
}  // namespace kbench

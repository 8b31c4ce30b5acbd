// A candidate that faults (illegal address) poisons the CUDA context for good: the runtime must say so
// (poisoned()), so the worker is replaced. Its own executable: the process cannot use CUDA afterwards.
#include <gtest/gtest.h>

#include "backends/gpu/gpu_runtime.hpp"
#include "harness/eval/call_plan.hpp"
#include "tests/cuda/cuda_test_support.hpp"

namespace kbench {
namespace {
using namespace cuda_test;

TEST(CudaStickyError, IllegalAddressPoisonsTheRuntime) {
  KBENCH_REQUIRE_GPU();
  auto backend = make_backend("cuda");
  const TaskSpec task = load_task("elementwise/vector_add");
  const auto c = compile_source(*backend, task, illegal_address_candidate(), false);
  ASSERT_TRUE(c.ok) << c.log;
  gpu::GpuRuntime runtime;
  runtime.load("candidate", c.artifact.string());
  CallPlan plan = plan_call(task, {{"n", 100.0}}, 1);
  Arena arena = Arena::create(plan.arena_bytes);
  fill_inputs(plan, arena, plan.sets[0], 1);
  poison_outputs(arena, plan.sets[0]);
  fill_guards(arena, plan.sets[0]);
  try {
    runtime.run_once("candidate", arena, plan.sets[0]);
    FAIL() << "an illegal address must throw";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("illegal"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(runtime.poisoned());
  EXPECT_THROW(runtime.run_once("candidate", arena, plan.sets[0]), std::runtime_error);
}

}  // namespace
}  // namespace kbench

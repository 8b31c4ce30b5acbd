// HIP backend with hipcc, no AMD GPU needed: verdicts of `kbench eval X.hip --backend hip` (compiled or
// compile_error without a device; correct with one), code objects for every offload target, the target
// override, the compile cache, and CUDA references compiling through the compatibility headers.
#include <gtest/gtest.h>

#include <cstdlib>

#include "backends/hip/device_probe.hpp"
#include "tests/hip/hip_test_support.hpp"

namespace kbench {
namespace {
using namespace hip_test;

struct Case {
  std::string file, task, status, detail_contains, log_contains;
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

class HipEvalVerdicts : public ::testing::TestWithParam<Case> {};

TEST_P(HipEvalVerdicts, GivesTheExpectedVerdict) {
  KBENCH_REQUIRE_HIPCC();
  const Case& c = GetParam();
  // A candidate that compiles is `compiled` here (no AMD GPU); with one it must verify.
  const bool device = hip::probe_hip_device().has_value();
  const std::string expected = c.status == "compiled" && device ? "correct" : c.status;
  test::TempDir tmp;
  const ProcessResult r = test::run_kbench(
      {"eval", hip_candidate(c.file).string(), "--task", c.task, "--backend", "hip", "--json", "--no-time"}, tmp.path);
  ASSERT_FALSE(r.timed_out);
  nlohmann::json j;
  ASSERT_NO_THROW(j = test::parse_json_output(r)) << r.output;
  EXPECT_EQ(j.at("status"), expected) << j.dump(2);
  EXPECT_NE(j.at("detail").get<std::string>().find(c.detail_contains), std::string::npos) << j.at("detail");
  EXPECT_NE(j.at("compile_log").get<std::string>().find(c.log_contains), std::string::npos) << j.at("compile_log");
  EXPECT_NE(j.at("compiler").get<std::string>().find("hipcc"), std::string::npos) << j.at("compiler");
  EXPECT_EQ(r.exit_code, expected == "correct" ? 0 : 1) << r.output;
}

INSTANTIATE_TEST_SUITE_P(
    Candidates, HipEvalVerdicts,
    ::testing::Values(
        Case{"vector_add_correct.hip", "elementwise/vector_add", "compiled", "no hip device", ""},
        Case{"sum_all_bf16_correct.hip", "reduction/sum_all_bf16", "compiled", "no hip device", ""},
        Case{"vector_add_syntax_error.hip", "elementwise/vector_add", "compile_error", "compilation failed",
             "vector_add_syntax_error.hip"},
        Case{"vector_add_wrong_signature.hip", "elementwise/vector_add", "compile_error", "compilation failed",
             "conflicting types for 'solve'"},
        Case{"vector_add_rocblas.hip", "elementwise/vector_add", "compile_error", "imports 'rocblas_", ""},
        Case{"vector_add_hiprtc.hip", "elementwise/vector_add", "compile_error", "imports 'hiprtc", ""},
        Case{"vector_add_dlopen.hip", "elementwise/vector_add", "compile_error", "imports 'dlopen'", ""}),
    [](const auto& info) { return info.param.file.substr(0, info.param.file.find('.')); });

class HipCompile : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("KBENCH_HIP_ARCH");
  }
  test::TempDir cache_;
};

TEST_F(HipCompile, BuildsCodeObjectsForBothDefaultTargets) {
  KBENCH_REQUIRE_HIPCC();
  if (hip::probe_hip_device()) GTEST_SKIP() << "an AMD GPU is present: the backend builds for its own target";
  auto backend = make_backend("hip");
  const TaskSpec task = load_task("elementwise/vector_add");
  const auto c = compile_source(*backend, task, read_text(hip_candidate("vector_add_correct.hip")), cache_.path);
  ASSERT_TRUE(c.ok) << c.log;
  EXPECT_TRUE(c.policy_violation.empty()) << c.policy_violation;
  EXPECT_NE(c.compiler.find("--offload-arch=gfx90a"), std::string::npos) << c.compiler;
  EXPECT_NE(c.compiler.find("--offload-arch=gfx940"), std::string::npos) << c.compiler;
  EXPECT_TRUE(has_code_object_for(c.artifact, "gfx90a"));
  EXPECT_TRUE(has_code_object_for(c.artifact, "gfx940"));
  EXPECT_FALSE(has_code_object_for(c.artifact, "gfx908"));
}

TEST_F(HipCompile, TargetOverrideChangesTheBuild) {
  KBENCH_REQUIRE_HIPCC();
  setenv("KBENCH_HIP_ARCH", "gfx908", 1);
  auto backend = make_backend("hip");  // a fresh backend reads the override
  const TaskSpec task = load_task("elementwise/vector_add");
  const auto c = compile_source(*backend, task, read_text(hip_candidate("vector_add_correct.hip")), cache_.path);
  unsetenv("KBENCH_HIP_ARCH");
  ASSERT_TRUE(c.ok) << c.log;
  EXPECT_NE(c.compiler.find("--offload-arch=gfx908"), std::string::npos) << c.compiler;
  EXPECT_EQ(c.compiler.find("gfx940"), std::string::npos) << c.compiler;
  EXPECT_TRUE(has_code_object_for(c.artifact, "gfx908"));
  EXPECT_FALSE(has_code_object_for(c.artifact, "gfx940"));
}

TEST_F(HipCompile, ATargetThisCompilerDoesNotKnowIsACompileError) {
  KBENCH_REQUIRE_HIPCC();
  setenv("KBENCH_HIP_ARCH", "gfx942", 1);  // MI300X: unknown to ROCm 5.2's clang
  auto backend = make_backend("hip");
  const TaskSpec task = load_task("elementwise/vector_add");
  const auto c = compile_source(*backend, task, read_text(hip_candidate("vector_add_correct.hip")), cache_.path);
  unsetenv("KBENCH_HIP_ARCH");
  EXPECT_FALSE(c.ok);
  EXPECT_NE(c.log.find("gfx942"), std::string::npos) << c.log;
}

TEST_F(HipCompile, AnUndefinedFunctionIsACompileErrorNotALoadError) {
  KBENCH_REQUIRE_HIPCC();
  auto backend = make_backend("hip");
  const TaskSpec task = load_task("elementwise/vector_add");
  const auto c = compile_source(*backend, task,
                                "#include <hip/hip_runtime.h>\n#include <cstdint>\nextern \"C\" void missing_helper();\n"
                                "extern \"C\" void solve(const float*, const float*, float*, int64_t, hipStream_t) "
                                "{ missing_helper(); }\n",
                                cache_.path);
  EXPECT_FALSE(c.ok);
  EXPECT_NE(c.log.find("missing_helper"), std::string::npos) << c.log;
}

TEST_F(HipCompile, LibrariesAreAllowedWhenTheTaskSaysSoButRunTimeLoadingNeverIs) {
  KBENCH_REQUIRE_HIPCC();
  auto backend = make_backend("hip");
  TaskSpec task = load_task("elementwise/vector_add");
  task.allow_libraries = true;
  const auto rtc = compile_source(*backend, task, read_text(hip_candidate("vector_add_hiprtc.hip")), cache_.path);
  ASSERT_TRUE(rtc.ok) << rtc.log;
  EXPECT_TRUE(rtc.policy_violation.empty()) << rtc.policy_violation;
  const auto dl = compile_source(*backend, task, read_text(hip_candidate("vector_add_dlopen.hip")), cache_.path);
  ASSERT_TRUE(dl.ok) << dl.log;
  EXPECT_NE(dl.policy_violation.find("dlopen"), std::string::npos) << dl.policy_violation;
}

TEST_F(HipCompile, SecondCompileOfTheSameSourceIsACacheHit) {
  KBENCH_REQUIRE_HIPCC();
  auto backend = make_backend("hip");
  const TaskSpec task = load_task("elementwise/vector_add");
  const std::string source = read_text(hip_candidate("vector_add_correct.hip")) + "\n// cache test\n";
  const auto first = compile_source(*backend, task, source, cache_.path);
  const auto second = compile_source(*backend, task, source, cache_.path);
  ASSERT_TRUE(first.ok && second.ok) << first.log << second.log;
  EXPECT_FALSE(first.cached);
  EXPECT_TRUE(second.cached);
  EXPECT_EQ(first.artifact, second.artifact);
}

// CUDA references (warp shuffles, f16, bf16, stream-ordered allocation) through the compatibility
// headers; `kbench selftest --backend hip` (CTest selftest_hip) covers the whole catalog.
TEST_F(HipCompile, CudaReferencesCompileThroughTheCompatibilityHeaders) {
  KBENCH_REQUIRE_HIPCC();
  auto backend = make_backend("hip");
  for (const char* id : {"reduction/sum_all_bf16", "normalization/rmsnorm_f16", "math/cumsum_rows"}) {
    const TaskSpec task = load_task(id);
    ASSERT_TRUE(task.references.count("hip")) << id;
    EXPECT_EQ(task.references.at("hip"), task.references.at("cuda")) << id;
    const auto c = compile_source(*backend, task, read_text(test::source_dir() / "reference_kernels" / task.references.at("hip")),
                                  cache_.path, /*enforce_policy=*/false);
    EXPECT_TRUE(c.ok) << id << ":\n" << c.log;
  }
}

}  // namespace
}  // namespace kbench

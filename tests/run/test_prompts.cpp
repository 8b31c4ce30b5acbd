// Prompt templates and the prompts built from them: placeholders, the task prompt's contents, the
// one-shot example, and feedback for every verdict status.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "harness/llm/code_extraction.hpp"
#include "tests/run/loop_fixture.hpp"

namespace kbench::llm {
namespace {

using testing::LoopFixture;

TEST(Templates, FillsPlaceholdersAndRejectsMissingOnes) {
  EXPECT_EQ(render_template("a {{x}} b {{y}}{{x}}", {{"x", "1"}, {"y", "2"}}, "t"), "a 1 b 21");
  try {
    render_template("hello {{name}}", {}, "greeting.md");
    FAIL();
  } catch (const TemplateError& e) {
    EXPECT_NE(std::string(e.what()).find("greeting.md"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("{{name}}"), std::string::npos);
  }
  EXPECT_THROW(render_template("open {{name", {{"name", "x"}}, "t"), TemplateError);
  // Values are not re-scanned: code with braces passes through untouched.
  EXPECT_EQ(render_template("{{code}}", {{"code", "{{not a placeholder}}"}}, "t"), "{{not a placeholder}}");
}

TEST(CompilerErrors, KeepsTheCompilersOwnErrorLines) {
  std::string log =
      "In file included from x.cpp:1:\n"
      "candidate.cpp: In function 'void solve(const float*, float*, int64_t)':\n"
      "candidate.cpp:5:45: error: expected ';' before '}' token\n"
      "    5 |   for (int64_t i = 0; i < n; ++i) c[i] = a[i]\n"
      "      |                                             ^\n"
      "some unrelated note\n";
  std::string lines = compiler_error_lines(log);
  EXPECT_NE(lines.find("candidate.cpp:5:45: error: expected ';' before '}' token"), std::string::npos);
  EXPECT_NE(lines.find("^"), std::string::npos);
  EXPECT_EQ(lines.find("unrelated"), std::string::npos);
  EXPECT_EQ(compiler_error_lines("just a warning\n"), "just a warning");
  EXPECT_EQ(compiler_error_lines("/root/.cache/kbench/cpu/ab/ab12.tmp-1-2/candidate.cu:7:1: error: x\n"),
            "candidate.cu:7:1: error: x");
}

TEST_F(LoopFixture, TaskPromptHasSignatureReferenceShapesAndConstraints) {
  const TaskSpec& task = catalog_->get("reduction/sum_rows");
  std::string prompt = prompts_->task_prompt(task, "REFERENCE SOURCE HERE");
  EXPECT_NE(prompt.find("extern \"C\" void solve(const float* x, float* y, int64_t rows, int64_t cols)"),
            std::string::npos)
      << prompt;
  EXPECT_NE(prompt.find("REFERENCE SOURCE HERE"), std::string::npos);
  EXPECT_NE(prompt.find(task.description), std::string::npos);
  EXPECT_NE(prompt.find("cols=4096 rows=4096"), std::string::npos) << "bench_cpu shapes";
  EXPECT_NE(prompt.find("cols=1031 rows=129"), std::string::npos) << "check shapes";
  EXPECT_NE(prompt.find("vendor libraries"), std::string::npos);
  EXPECT_NE(prompt.find("```cpp"), std::string::npos);
  std::string system = prompts_->system_prompt();
  EXPECT_NE(system.find("test CPU"), std::string::npos);
  EXPECT_NE(system.find("g++"), std::string::npos) << "backend rules from prompts/backends/cpu.md";
}

TEST_F(LoopFixture, TaskPromptStatesTheToleranceOfTheTasksOwnOutputs) {
  // sum_rows reduces over cols: its float32 nrel grows from the smallest to the largest check shape.
  const TaskSpec& sum_rows = catalog_->get("reduction/sum_rows");
  const auto [tight, loose] = sum_rows.check_tolerance_span(sum_rows.arguments[1]);
  ASSERT_LT(tight.nrel, loose.nrel);
  const std::string rows = prompts_->task_prompt(sum_rows, "ref");
  EXPECT_NE(rows.find(fmt::format("with nrel {:.3g} to {:.3g} (it grows with the reduction length) (f32 outputs)", tight.nrel, loose.nrel)),
            std::string::npos)
      << rows;
  // silu has float16 outputs and no reduction: the float16 tolerance, one value.
  const std::string f16 = prompts_->task_prompt(catalog_->get("activation/silu"), "ref");
  EXPECT_NE(f16.find(fmt::format("with nrel {:.3g} (f16 outputs)", default_tolerance(DType::f16).nrel)), std::string::npos) << f16;
  EXPECT_EQ(f16.find("f32 outputs"), std::string::npos) << f16;
}

TEST_F(LoopFixture, OneShotExampleComesFromTheSameCategoryButNeverTheSameTask) {
  auto examples = dir_ / "examples";
  std::filesystem::create_directories(examples / "cpu");
  std::ofstream(examples / "cpu" / "activation.cpp")
      << "// example for activation/relu\n#include <cstdint>\nextern \"C\" void solve() { /* EXAMPLE BODY */ }\n";
  PromptBuilder builder(*templates_, *catalog_, backend_prompt_info("cpu", "", ".cpp", ""), examples);
  const TaskSpec* other = nullptr;
  for (const auto& t : catalog_->tasks())
    if (t.category == "activation" && t.id != "activation/relu") other = &t;
  ASSERT_NE(other, nullptr);
  std::string with = builder.task_prompt(*other, "ref");
  EXPECT_NE(with.find("EXAMPLE BODY"), std::string::npos);
  EXPECT_NE(with.find("(activation/relu)"), std::string::npos);
  EXPECT_EQ(with.find("// example for"), std::string::npos) << "the marker line is not shown";
  std::string same = builder.task_prompt(catalog_->get("activation/relu"), "ref");
  EXPECT_EQ(same.find("EXAMPLE BODY"), std::string::npos);
  std::string none = builder.task_prompt(catalog_->get("reduction/sum_rows"), "ref");
  EXPECT_EQ(none.find("worked example"), std::string::npos);

  std::ofstream(examples / "cpu" / "reduction.cpp") << "no marker\n";
  EXPECT_THROW(builder.task_prompt(catalog_->get("reduction/sum_rows"), "ref"), TemplateError);
}

TEST(OneShotExamples, ShippedExamplesNameATaskOfTheirOwnCategory) {
  int seen = 0;
  for (const auto& [backend, ext] : {std::pair<std::string, std::string>{"cpu", ".cpp"}, {"cuda", ".cu"}, {"hip", ".hip"}}) {
    auto info = backend_prompt_info(backend, "", ext, "");
    auto dir = kbench_root() / "reference_kernels" / "examples" / backend;
    if (!std::filesystem::exists(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      const std::string category = entry.path().stem().string();
      auto example = load_one_shot(dir.parent_path(), info, category);  // throws on a bad first line
      ASSERT_TRUE(example) << entry.path();
      EXPECT_EQ(example->task_id.substr(0, example->task_id.find('/')), category) << entry.path();
      EXPECT_TRUE(std::filesystem::exists(kbench_root() / "tasks" / (example->task_id + ".json"))) << example->task_id;
      EXPECT_TRUE(defines_solve(example->source)) << entry.path();
      ++seen;
    }
  }
  EXPECT_GT(seen, 0);
}

TEST_F(LoopFixture, EveryVerdictStatusHasFeedback) {
  const TaskSpec& task = catalog_->get("elementwise/vector_add");
  for (Status s : {Status::correct, Status::incorrect, Status::compile_error, Status::runtime_error, Status::timeout,
                   Status::compiled, Status::no_code}) {
    Verdict v;
    v.status = s;
    v.detail = "DETAIL";
    std::string text = prompts_->feedback(task, v);
    EXPECT_FALSE(text.empty()) << status_name(s);
    EXPECT_NE(text.find("```cpp"), std::string::npos) << status_name(s);
  }
}

TEST_F(LoopFixture, IncorrectAndCorrectFeedbackCarryTheNumbers) {
  const TaskSpec& task = catalog_->get("elementwise/vector_add");
  Verdict bad;
  bad.status = Status::incorrect;
  bad.detail = "output c differs";
  bad.metrics.failing_shape = "n=7";
  bad.metrics.failing_output = "c";
  bad.metrics.max_abs = 0.5;
  bad.metrics.examples = {{"c", 6, 1.25, 2.5}};
  std::string text = prompts_->feedback(task, bad);
  EXPECT_NE(text.find("n=7"), std::string::npos) << text;
  EXPECT_NE(text.find("c[6]: got 1.25, expected 2.5"), std::string::npos) << text;

  Verdict good;
  good.status = Status::correct;
  ShapeTiming t;
  t.shape = "n=16777216";
  t.candidate.median_ns = 2.5e6;
  t.reference.median_ns = 5e6;
  t.speedup = 2.0;
  t.bandwidth_fraction = 0.42;
  good.timings = {t};
  good.speedup = 2.0;
  text = prompts_->feedback(task, good);
  EXPECT_NE(text.find("yours 2.5 ms, reference 5 ms (2.00x)"), std::string::npos) << text;
  EXPECT_NE(text.find("42% of peak memory bandwidth"), std::string::npos) << text;
  EXPECT_NE(text.find("faster"), std::string::npos) << text;
}

}  // namespace
}  // namespace kbench::llm

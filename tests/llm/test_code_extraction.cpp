// Code extraction from LLM replies: which fenced block is taken, and why none is.
#include <gtest/gtest.h>

#include "harness/llm/code_extraction.hpp"

namespace kbench::llm {
namespace {

TEST(CodeExtraction, TakesTheBlockThatDefinesSolve) {
  std::string reply =
      "Here is a helper:\n```cpp\nstatic float sq(float x) { return x * x; }\n```\n"
      "and the kernel:\n```c++\n#include <cstdint>\nextern \"C\" void solve(const float* a, float* b, int64_t n) {\n"
      "  for (int64_t i = 0; i < n; ++i) b[i] = a[i];\n}\n```\nDone.";
  auto e = extract_solve_source(reply);
  ASSERT_TRUE(e.source);
  EXPECT_EQ(e.language, "c++");
  EXPECT_NE(e.source->find("extern \"C\" void solve"), std::string::npos);
  EXPECT_EQ(e.blocks, 2);
}

TEST(CodeExtraction, PrefersTheLastDefinition) {
  std::string reply = "```cuda\nvoid solve(int n) { /*v1*/ }\n```\nBetter:\n```\nvoid solve(int n) { /*v2*/ }\n```\n";
  auto e = extract_solve_source(reply);
  ASSERT_TRUE(e.source);
  EXPECT_NE(e.source->find("v2"), std::string::npos);
  EXPECT_EQ(e.language, "");
}

TEST(CodeExtraction, AcceptsEveryKernelLanguageTag) {
  for (std::string tag : {"cuda", "cpp", "c++", "hip", "CUDA", ""}) {
    auto e = extract_solve_source("```" + tag + "\nextern \"C\" void solve(float* x) {}\n```");
    EXPECT_TRUE(e.source) << tag;
  }
}

TEST(CodeExtraction, DeclarationsAndCallsDoNotCount) {
  EXPECT_FALSE(defines_solve("extern \"C\" void solve(const float* a, int64_t n);"));
  EXPECT_FALSE(defines_solve("int main() { solve(a, n); }"));
  EXPECT_FALSE(defines_solve("if (resolve(x)) { }"));
  EXPECT_FALSE(defines_solve("if (solve(x)) { }"));
  EXPECT_TRUE(defines_solve("extern \"C\" void solve(const float* a,\n    int64_t n) noexcept\n{"));
  EXPECT_TRUE(defines_solve("void solve(float (*f)(float), int n) {"));
}

TEST(CodeExtraction, NoFencedBlockIsNoCode) {
  auto e = extract_solve_source("extern \"C\" void solve(float* x) {} but without fences");
  EXPECT_FALSE(e.source);
  EXPECT_NE(e.reason.find("no fenced code block"), std::string::npos);
}

TEST(CodeExtraction, BlocksWithoutSolveAreNoCode) {
  auto e = extract_solve_source("```python\ndef solve(x):\n  pass\n```\n```cpp\nint helper() { return 1; }\n```");
  EXPECT_FALSE(e.source);
  EXPECT_NE(e.reason.find("defines solve"), std::string::npos) << e.reason;
  auto p = extract_solve_source("```python\nprint(1)\n```");
  EXPECT_NE(p.reason.find("none tagged"), std::string::npos) << p.reason;
}

TEST(CodeExtraction, TruncatedReplyKeepsTheOpenBlock) {
  auto blocks = fenced_blocks("text\n```cpp\nvoid solve(int n) {\n  int x");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_FALSE(blocks[0].closed);
  EXPECT_TRUE(extract_solve_source("```cpp\nvoid solve(int n) {\n  int x").source);
}

TEST(CodeExtraction, LongerFencesNestShorterOnes) {
  auto blocks = fenced_blocks("````cpp\n// ```\nvoid solve(int n) {}\n````\n");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_NE(blocks[0].code.find("// ```"), std::string::npos);
}

}  // namespace
}  // namespace kbench::llm

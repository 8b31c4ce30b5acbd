// harness/eval/verdict_text: every text field of a verdict loses the environment's secrets, and the
// Evaluator returns verdicts so (a candidate that prints an API key).
#include <gtest/gtest.h>

#include <string>

#include "backends/backend.hpp"
#include "core/spec/catalog.hpp"
#include "harness/eval/evaluator.hpp"
#include "harness/eval/verdict_text.hpp"
#include "tests/eval/eval_test_support.hpp"

using namespace kbench;
using kbench::test::ScopedEnv;

namespace {

constexpr const char* kKey = "sk-test-1234567890";

}  // namespace

TEST(RedactVerdict, EveryTextFieldComesBackClean) {
  ScopedEnv key("KBENCH_TEST_API_KEY", kKey);
  const std::string leak = std::string("leak:") + kKey + ":end";
  Verdict v;
  v.detail = v.compile_log = v.run_log = v.device = v.compiler = leak;
  v.metrics.failing_output = v.metrics.failing_shape = v.metrics.phase = leak;
  v.metrics.examples.push_back({leak, 0, 1.0, 2.0});
  ShapeTiming t;
  t.shape = t.candidate.method = t.reference.method = leak;
  t.vendor = TimingSummary{};
  t.vendor->method = leak;
  v.timings.push_back(t);
  sanitise_verdict_text(v);
  const std::string json = to_json(v).dump();
  EXPECT_EQ(json.find(kKey), std::string::npos) << json;
  EXPECT_EQ(v.run_log, "leak:[redacted]:end");
  EXPECT_EQ(v.detail, "leak:[redacted]:end");
  EXPECT_EQ(v.compile_log, "leak:[redacted]:end");
  EXPECT_EQ(v.metrics.failing_output, "leak:[redacted]:end");
  EXPECT_EQ(v.timings[0].vendor->method, "leak:[redacted]:end");
}

TEST(RedactVerdict, TheEvaluatorRedactsWhatACandidatePrints) {
  ScopedEnv key("KBENCH_TEST_API_KEY", kKey);
  test::TempDir tmp;
  const Catalog catalog = Catalog::load(test::source_dir() / "tasks");
  auto backend = make_backend("cpu");
  Evaluator evaluator(*backend, test::quick_eval_options(tmp.path));
  // Workers start with a minimal environment (core/sandbox/environment), so the key travels in the
  // candidate's own text here: the parent redacts whatever reaches the verdict, whichever way it came.
  const Verdict v = evaluator.evaluate(catalog.get("activation/relu"), make_candidate(R"(#include <cstdint>
#include <cstdio>
#include <cstdlib>
extern "C" void solve(const float*, float*, int64_t) {
  std::fprintf(stderr, "leak:%s:end\n", "sk-test-1234567890");
  std::fflush(stderr);
  std::abort();
})", "leaky.cpp"));
  EXPECT_EQ(v.status, Status::runtime_error) << v.detail;
  EXPECT_NE(v.run_log.find("leak:"), std::string::npos) << "the candidate's output is not in run_log: " << v.run_log;
  EXPECT_EQ(v.run_log.find(kKey), std::string::npos) << v.run_log;
  EXPECT_EQ(to_json(v).dump().find(kKey), std::string::npos);
}

// The evaluator in-process: verdicts through the API, pooled baseline workers across evaluations, and a
// cache folder another user owns refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "backends/backend.hpp"
#include "harness/eval/evaluator.hpp"
#include "core/spec/catalog.hpp"
#include "tests/eval/eval_test_support.hpp"

using namespace kbench;


TEST(Evaluator, FailedEvaluationDoesNotLeaveAnUnloadedBaselineWorkerBehind) {
  test::TempDir tmp;
  const Catalog catalog = Catalog::load(test::source_dir() / "tasks");
  const TaskSpec& task = catalog.get("activation/relu");
  auto backend = make_backend("cpu");
  Evaluator evaluator(*backend, test::quick_eval_options(tmp.path));
  // Stops in verification: its baseline worker was started but never loaded.
  const Verdict wrong = evaluator.evaluate(task, make_candidate(R"(#include <cstdint>
extern "C" void solve(const float* x, float* y, int64_t n) { for (int64_t i = 0; i < n; ++i) y[i] = x[i]; })", "wrong.cpp"));
  EXPECT_EQ(wrong.status, Status::incorrect);
  // The next evaluation in the same process must time against a loaded reference.
  const Verdict right = evaluator.evaluate(task, make_candidate(R"(#include <cstdint>
extern "C" void solve(const float* x, float* y, int64_t n) { for (int64_t i = 0; i < n; ++i) y[i] = x[i] > 0 ? x[i] : 0.0f; })", "right.cpp"));
  ASSERT_EQ(right.status, Status::correct) << right.detail;
  ASSERT_EQ(right.timings.size(), 1u);
  EXPECT_GT(right.timings[0].reference.median_ns, 0.0);
  ASSERT_TRUE(right.speedup.has_value());
  // And a third reuses the pooled, loaded worker.
  const Verdict again = evaluator.evaluate_reference(task);
  EXPECT_EQ(again.status, Status::correct) << again.detail;
}

TEST(Evaluator, RefusesACacheFolderAnotherUserOwnsBeforeAnythingRuns) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a folder to uid 65534 (CI runs tests as root)";
  test::TempDir tmp;
  const auto cache = tmp.path / "planted";
  std::filesystem::create_directory(cache);
  ASSERT_EQ(::chown(cache.c_str(), 65534, 65534), 0);
  auto backend = make_backend("cpu");
  try {
    Evaluator evaluator(*backend, test::quick_eval_options(cache));
    FAIL() << "an Evaluator accepted a cache folder owned by uid 65534";
  } catch (const HarnessError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("cache folder " + std::filesystem::canonical(cache).string()), std::string::npos) << what;
    EXPECT_NE(what.find("uid 65534"), std::string::npos) << what;
    EXPECT_NE(what.find("set KBENCH_CACHE to a folder you own"), std::string::npos) << what;
  }
  EXPECT_TRUE(std::filesystem::is_empty(cache)) << "something was written into the refused cache";
}

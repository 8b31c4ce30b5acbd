// The next candidate's worker started ahead (SpareCandidateWorker, EvalOptions::spare_worker): taken once,
// only by an evaluation of its own kind; a worker that never held a candidate (a compile error) is kept for
// the next one; a worker that held one never is. Observed through the run folders each worker lives in.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "backends/backend.hpp"
#include "core/candidate/candidate.hpp"
#include "core/spec/catalog.hpp"
#include "harness/eval/spare_worker.hpp"
#include "tests/eval/eval_test_support.hpp"

namespace kbench {
namespace {

namespace fs = std::filesystem;

std::set<std::string> run_folders(const fs::path& runs) {
  std::set<std::string> names;
  if (!fs::exists(runs)) return names;
  for (const auto& e : fs::directory_iterator(runs)) names.insert(e.path().filename().string());
  return names;
}

const char* kRelu = R"(#include <cstdint>
extern "C" void solve(const float* x, float* y, int64_t n) { for (int64_t i = 0; i < n; ++i) y[i] = x[i] > 0 ? x[i] : 0.0f; })";

TEST(SpareCandidateWorker, IsTakenOnceAndOnlyByItsOwnKind) {
  test::TempDir tmp;
  const fs::path exe = test::bin_dir() / "kbench-worker-cpu", runs = tmp.path / "runs";
  SpareCandidateWorker spare;
  spare.start(exe, WorkerLaunch{}, false, runs, 30);
  spare.wait_until_started();
  ASSERT_EQ(run_folders(runs).size(), 1u);
  EXPECT_FALSE(spare.take(exe, true));  // another sandbox setting: dropped, folder and all
  EXPECT_FALSE(spare.holds());
  EXPECT_TRUE(run_folders(runs).empty());

  spare.start(exe, WorkerLaunch{}, false, runs, 30);
  std::optional<StartedWorker> taken = spare.take(exe, false);
  ASSERT_TRUE(taken);
  EXPECT_TRUE(fs::exists(taken->work_dir / "candidate.log"));
  const WorkerReply info = taken->worker->request(protocol::InfoRequest{}, 30);
  EXPECT_EQ(info.kind, WorkerReply::Kind::ok) << info.detail;
  EXPECT_FALSE(spare.take(exe, false));  // once
}

TEST(SpareCandidateWorker, ADeadSpareIsNotHandedOut) {
  test::TempDir tmp;
  const fs::path exe = test::bin_dir() / "kbench-worker-cpu", runs = tmp.path / "runs";
  SpareCandidateWorker spare;
  spare.start(exe, WorkerLaunch{}, false, runs, 30);
  std::optional<StartedWorker> taken = spare.take(exe, false);
  ASSERT_TRUE(taken);
  taken->worker->request(protocol::QuitRequest{}, 30);  // it ends without kbench reaping it
  for (int i = 0; i < 200 && !taken->worker->exited(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(taken->worker->exited());
  spare.keep(exe, false, std::move(*taken));
  EXPECT_FALSE(spare.take(exe, false));
  EXPECT_TRUE(run_folders(runs).empty());
}

TEST(Evaluator, StartsTheNextCandidatesWorkerAheadAndNeverReusesOneThatHeldACandidate) {
  test::TempDir tmp;
  const Catalog catalog = Catalog::load(test::source_dir() / "tasks");
  const TaskSpec& task = catalog.get("activation/relu");
  auto backend = make_backend("cpu");
  EvalOptions opt = test::quick_eval_options(tmp.path);
  const fs::path runs = tmp.path / "runs";
  {
    Evaluator without(*backend, opt);
    ASSERT_EQ(without.evaluate(task, make_candidate(kRelu, "a.cpp")).status, Status::correct);
    EXPECT_TRUE(run_folders(runs).empty());  // each evaluation removes its own; none started ahead
  }
  opt.spare_worker = true;
  Evaluator evaluator(*backend, opt);
  const Verdict first = evaluator.evaluate(task, make_candidate(kRelu, "a.cpp"));
  ASSERT_EQ(first.status, Status::correct) << first.detail;
  const auto after_first = run_folders(runs);
  ASSERT_EQ(after_first.size(), 1u);  // the next one's worker, started while the first was verified

  // A compile error takes that worker and gives it back unused: the same folder is left.
  const Verdict broken = evaluator.evaluate(task, make_candidate("this is not C++", "broken.cpp"));
  EXPECT_EQ(broken.status, Status::compile_error);
  EXPECT_EQ(run_folders(runs), after_first);

  // The next candidate gets it; the worker that held it is gone and a fresh spare stands in its place.
  const Verdict second = evaluator.evaluate(task, make_candidate(kRelu, "b.cpp"));
  ASSERT_EQ(second.status, Status::correct) << second.detail;
  const auto after_second = run_folders(runs);
  ASSERT_EQ(after_second.size(), 1u);
  EXPECT_NE(after_second, after_first);
}

}  // namespace
}  // namespace kbench

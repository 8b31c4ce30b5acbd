// What evaluations share (issue 16: a server slot keeps it across requests). ReferenceTimings: a timing is
// found under its own key only (the timing policy is part of it), and only for max_age (plus the grace an
// evaluation that counted on it passes), so a long-lived server re-times. BaselinePool keeps at most
// kMaxIdle idle workers (each may hold a device context), dropping the least recently returned, so a slot
// that judged many tasks does not keep a reference worker for each.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include "harness/eval/baseline_workers.hpp"
#include "harness/eval/reference_timings.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {

ReferenceTimings::Key key(const std::string& policy) {
  return {"elementwise/vector_add", "cuda", "/cache/reference.so", "n=67108864", 1, policy};
}

BaselineTiming timing(double median_ns) {
  BaselineTiming t;
  t.summary.median_ns = median_ns;
  return t;
}

TEST(ReferenceTimings, FindsATimingUnderItsOwnKeyAndPolicyOnly) {
  ReferenceTimings timings;
  timings.store(key("full"), timing(288e3));
  ASSERT_TRUE(timings.find(key("full")));
  EXPECT_EQ(timings.find(key("full"))->summary.median_ns, 288e3);
  EXPECT_FALSE(timings.find(key("screen")));
  auto other_shape = key("full");
  other_shape.shape = "n=1024";
  EXPECT_FALSE(timings.find(other_shape));
}

TEST(ReferenceTimings, ATimingOlderThanItsMaxAgeIsNotFoundUnlessWithinTheGrace) {
  ReferenceTimings timings(0.05);
  timings.store(key("full"), timing(1));
  EXPECT_TRUE(timings.find(key("full")));
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  EXPECT_FALSE(timings.find(key("full")));
  EXPECT_TRUE(timings.find(key("full"), 60));
  timings.store(key("full"), timing(2));  // re-measured: fresh again
  ASSERT_TRUE(timings.find(key("full")));
  EXPECT_EQ(timings.find(key("full"))->summary.median_ns, 2);
}

TEST(BaselinePool, KeepsAtMostItsIdleLimitAndDropsTheLeastRecentlyReturned) {
  test::TempDir tmp;
  BaselinePool pool;
  const auto exe = test::bin_dir() / "kbench-worker-cpu";
  const std::size_t n = BaselinePool::kMaxIdle + 1;
  for (std::size_t k = 0; k < n; ++k) {
    BaselineWorker w = pool.take("key" + std::to_string(k), exe, tmp.path);
    ASSERT_FALSE(w.loaded);
    pool.give_back("key" + std::to_string(k), std::move(w.worker));
  }
  EXPECT_EQ(pool.idle(), BaselinePool::kMaxIdle);
  EXPECT_FALSE(pool.take("key0", exe, tmp.path).loaded);  // dropped: a fresh worker
  EXPECT_TRUE(pool.take("key" + std::to_string(n - 1), exe, tmp.path).loaded);
  EXPECT_EQ(pool.idle(), BaselinePool::kMaxIdle - 1);
}

}  // namespace
}  // namespace kbench

namespace kbench {
namespace {

// A pooled worker that ended while idle (here killed, as its parent-death signal would when the thread
// that started it ends) is not handed out: the next evaluation would blame its reference on a dead worker.
TEST(BaselinePool, AWorkerThatEndedWhileIdleIsNotHandedOut) {
  test::TempDir tmp;
  BaselinePool pool;
  const auto exe = test::bin_dir() / "kbench-worker-cpu";
  BaselineWorker w = pool.take("key", exe, tmp.path);
  ASSERT_EQ(w.worker->request(protocol::InfoRequest{}, 30).kind, WorkerReply::Kind::ok);
  const pid_t pid = w.worker->frozen_pid();
  ASSERT_GT(pid, 0);
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  for (int i = 0; i < 500 && !w.worker->exited(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(w.worker->exited());
  pool.give_back("key", std::move(w.worker));
  BaselineWorker again = pool.take("key", exe, tmp.path);
  EXPECT_FALSE(again.loaded);
  EXPECT_EQ(again.worker->request(protocol::InfoRequest{}, 30).kind, WorkerReply::Kind::ok);
}

}  // namespace
}  // namespace kbench

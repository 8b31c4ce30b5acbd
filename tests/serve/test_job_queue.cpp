// JobQueue and HostGate without any evaluation: capacity and refusal, order, waiting, polling views,
// closing and abandoning, forgetting old jobs; the gate keeps exclusive holders alone.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "harness/serve/host_gate.hpp"
#include "harness/serve/job_queue.hpp"

#include "../test_support.hpp"

using namespace kbench;
using namespace kbench::serve;
using namespace std::chrono_literals;

namespace {

const TaskSpec& some_task() {
  static const Catalog c = Catalog::load(test::source_dir() / "tasks");
  return c.get("elementwise/vector_add");
}

EvaluationRequest request(const std::string& label = "") {
  EvaluationRequest r;
  r.task = &some_task();
  r.backend = "cpu";
  r.candidate = make_candidate("x", "candidate.cpp");
  r.label = label;
  return r;
}

TEST(JobQueue, RefusesWhenCapacityJobsWaitAndTakesThemInOrder) {
  JobQueue q(2);
  const auto a = q.submit(request("a")), b = q.submit(request("b")), c = q.submit(request("c"));
  EXPECT_EQ(a.refusal, JobQueue::Refusal::none);
  EXPECT_EQ(b.refusal, JobQueue::Refusal::none);
  EXPECT_EQ(c.refusal, JobQueue::Refusal::full);
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(q.queued(), 2u);
  auto t = q.take();
  ASSERT_TRUE(t);
  EXPECT_EQ(t->id, a.id);
  EXPECT_EQ(t->request.label, "a");
  EXPECT_EQ(q.find(a.id)->state, JobState::running);
  EXPECT_EQ(q.running(), 1u);
  // A running job no longer counts against the capacity.
  EXPECT_EQ(q.submit(request("d")).refusal, JobQueue::Refusal::none);
  EXPECT_EQ(q.submit(request("e")).refusal, JobQueue::Refusal::full);
  EXPECT_GE(q.retry_after_seconds(1), 1);
}

TEST(JobQueue, WaitersSeeTheResultOnceFinished) {
  JobQueue q(4);
  const auto s = q.submit(request());
  EXPECT_EQ(q.wait(s.id, 10ms)->state, JobState::queued);  // times out, as it is
  std::thread slot([&] {
    auto t = q.take();
    std::this_thread::sleep_for(50ms);
    q.finish(t->id, JobState::done, {{"status", "correct"}});
  });
  const auto v = q.wait(s.id, 10s);
  slot.join();
  ASSERT_TRUE(v);
  EXPECT_EQ(v->state, JobState::done);
  EXPECT_EQ(v->result.at("status"), "correct");
  EXPECT_GT(v->run_seconds, 0.04);
  EXPECT_FALSE(q.find("ev-unknown"));
  EXPECT_EQ(q.running(), 0u);
}

TEST(JobQueue, CloseAbandonsQueuedJobsAndEndsTake) {
  JobQueue q(4);
  const auto running = q.submit(request()), waiting = q.submit(request());
  auto t = q.take();
  q.close();
  EXPECT_EQ(q.find(waiting.id)->state, JobState::abandoned);
  EXPECT_EQ(q.find(waiting.id)->result.at("error"), "shutting_down");
  EXPECT_EQ(q.submit(request()).refusal, JobQueue::Refusal::closed);
  EXPECT_FALSE(q.take());
  EXPECT_FALSE(q.wait_until_idle(10ms));  // one still runs
  EXPECT_EQ(q.abandon_running(), 1u);
  EXPECT_EQ(q.find(running.id)->state, JobState::abandoned);
  q.finish(t->id, JobState::done, {});  // too late: stays abandoned
  EXPECT_EQ(q.find(running.id)->state, JobState::abandoned);
  EXPECT_TRUE(q.wait_until_idle(10ms));
}

TEST(JobQueue, ForgetsTheOldestFinishedJobsPastRetained) {
  JobQueue q(8, 2);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(q.submit(request()).id);
    q.finish(q.take()->id, JobState::done, {});
  }
  EXPECT_FALSE(q.find(ids[0]));
  EXPECT_TRUE(q.find(ids[1]));
  EXPECT_TRUE(q.find(ids[2]));
}

TEST(HostGate, AnExclusiveHolderRunsAloneAndGoesBeforeLaterSharedOnes) {
  HostGate gate;
  std::atomic<int> inside{0}, max_beside_exclusive{0};
  std::atomic<bool> exclusive_in{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 20; ++k) {
        const bool exclusive = (i + k) % 4 == 0;
        HostGate::Hold hold(gate, exclusive);
        const int now = ++inside;
        if (exclusive) exclusive_in = true;
        if (exclusive_in) max_beside_exclusive = std::max(max_beside_exclusive.load(), now);
        std::this_thread::sleep_for(200us);
        if (exclusive) exclusive_in = false;
        --inside;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(max_beside_exclusive.load(), 1);
}

}  // namespace

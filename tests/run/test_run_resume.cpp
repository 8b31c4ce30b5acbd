// --resume past a candidate that stopped kbench: a kbench process killed while judging a turn (here a child
// process that _exits inside the evaluation, as a kill -9, an OOM kill or a crash would) leaves the turn
// marked in flight; the next resume judges it again once, and when that stops kbench too the turn is stored
// as the candidate's runtime_error and the run finishes. A harness error leaves no mark.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>

#include "core/candidate/candidate.hpp"
#include "core/util/harness_error.hpp"
#include "tests/run/loop_fixture.hpp"

namespace kbench::llm {
namespace {

const char* kReply = R"(```cpp
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
```)";

class FixedModel : public ChatModel {
 public:
  Reply complete(const CompletionRequest&) override {
    ++calls;
    Reply r;
    r.text = kReply;
    r.model = "fixed";
    r.finish_reason = "stop";
    return r;
  }
  std::string describe() const override { return "fixed"; }
  std::atomic<int> calls{0};
};

class RunResumeTest : public testing::LoopFixture {
 protected:
  // Runs the loop in a child process whose evaluation ends the process, as a candidate that kills or wedges
  // kbench would; returns the child's exit code.
  int run_until_the_evaluation_stops_kbench(const std::string& run, const RunSettings& s) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      ResultStore own(store_->path(), [](const std::string&) {});  // never the parent's connection
      FixedModel model;
      LoopContext ctx = context(model);
      LoopContext child{own, model, ctx.catalog, ctx.prompts, ctx.reference_source,
                        [](const TaskSpec&, const Candidate&) -> Verdict { ::_exit(42); }, "candidate.cpp", nullptr,
                        nullptr, {}};
      run_loop(child, run, s);
      ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

TEST_F(RunResumeTest, ATurnThatStoppedKbenchIsJudgedAgainOnce) {
  const auto s = settings({"elementwise/vector_add"}, 2);
  const std::string run = begin(s);
  ASSERT_EQ(run_until_the_evaluation_stops_kbench(run, s), 42);
  LlmStore llm(store_->database());
  ASSERT_EQ(llm.in_flight(run).size(), 1u);
  EXPECT_EQ(llm.in_flight(run)[0].tries, 1);
  EXPECT_EQ(llm.in_flight(run)[0].turn, 0);

  FixedModel model;
  auto ctx = context(model);
  const LoopOutcome outcome = run_loop(ctx, run, s);
  EXPECT_TRUE(outcome.complete());
  EXPECT_EQ(model.calls, 1) << "turn 0's stored reply is judged again, not asked for anew";
  const auto attempts = store_->attempts(run);
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].verdict.status, Status::correct) << attempts[0].verdict.detail;
  EXPECT_EQ(attempts[0].turn, 0);
  EXPECT_TRUE(llm.in_flight(run).empty());
  EXPECT_EQ(llm.turns(run).size(), 2u);
}

TEST_F(RunResumeTest, ATurnThatStopsKbenchTwiceIsTheCandidatesRuntimeErrorAndTheRunFinishes) {
  const auto s = settings({"elementwise/vector_add"}, 2);
  const std::string run = begin(s);
  ASSERT_EQ(run_until_the_evaluation_stops_kbench(run, s), 42);
  ASSERT_EQ(run_until_the_evaluation_stops_kbench(run, s), 42) << "the first resume judges the candidate again";
  LlmStore llm(store_->database());
  ASSERT_EQ(llm.in_flight(run).size(), 1u);
  EXPECT_EQ(llm.in_flight(run)[0].tries, 2);

  FixedModel model;
  int evaluations = 0;
  auto ctx = context(model);
  auto evaluate = ctx.evaluate;
  ctx.evaluate = [&](const TaskSpec& t, const Candidate& c) {
    ++evaluations;
    return evaluate(t, c);
  };
  const LoopOutcome outcome = run_loop(ctx, run, s);
  EXPECT_TRUE(outcome.complete());
  EXPECT_EQ(evaluations, 1) << "only turn 1 is evaluated; turn 0 is not run a third time";
  const auto attempts = store_->attempts(run);
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].verdict.status, Status::runtime_error);
  EXPECT_NE(attempts[0].verdict.detail.find("kbench stopped 2 times while judging this candidate"), std::string::npos)
      << attempts[0].verdict.detail;
  EXPECT_EQ(attempts[1].verdict.status, Status::correct) << attempts[1].verdict.detail;
  const auto turns = llm.turns(run);
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[0].attempt_id, attempts[0].id);
  EXPECT_NE(turns[0].feedback.find("kbench stopped 2 times"), std::string::npos) << turns[0].feedback;
  EXPECT_TRUE(llm.in_flight(run).empty());
  ASSERT_TRUE(store_->run(run)->finished_at);
}

TEST_F(RunResumeTest, AHarnessErrorDuringTheEvaluationLeavesNoMark) {
  const auto s = settings({"elementwise/vector_add"}, 1);
  const std::string run = begin(s);
  FixedModel model;
  auto ctx = context(model);
  ctx.evaluate = [](const TaskSpec&, const Candidate&) -> Verdict { throw HarnessError("the backend went away"); };
  EXPECT_THROW(run_loop(ctx, run, s), HarnessError);
  EXPECT_TRUE(LlmStore(store_->database()).in_flight(run).empty()) << "not the candidate's fault: nothing to blame it for";
}

}  // namespace
}  // namespace kbench::llm

// The run loop end to end on the CPU backend against the fake server (both API formats): a scripted
// three-turn session (broken → correct but slow → fast) whose stored attempts, turns, calls, feedback
// and report are checked; a reply without code; an LLM failure and --resume; the shipped replay session.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <mutex>

#include "harness/llm/llm_client.hpp"
#include "harness/run/model_factory.hpp"
#include "harness/llm/replay_model.hpp"
#include "results/analysis/report.hpp"
#include "tests/llm/fake_llm_server.hpp"
#include "tests/run/loop_fixture.hpp"

namespace kbench::llm {
namespace {

using testing::LoopFixture;

const char* kBroken = R"(Here is my kernel:
```cpp
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i]
}
```)";

// Correct but slow: eight scalar passes, the barrier stops the compiler from merging or vectorising them.
const char* kSlow = R"(Fixed the missing semicolon.
```cpp
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (int rep = 0; rep < 8; ++rep)
    for (int64_t i = 0; i < n; ++i) {
      c[i] = a[i] + b[i];
      asm volatile("" ::: "memory");
    }
}
```)";

const char* kFast = R"(One parallel, vectorised pass:
```c++
#include <cstdint>
extern "C" void solve(const float* __restrict a, const float* __restrict b, float* __restrict c, int64_t n) {
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
```)";

class RunLoopTest : public testing::LoopFixture, public ::testing::WithParamInterface<std::string> {
 protected:
  std::string reply(const std::string& text, int in, int out) {
    return GetParam() == "openai" ? testing::openai_reply(text, in, out) : testing::anthropic_reply(text, in, out);
  }
  LlmClient client() {
    ClientConfig c;
    c.provider = GetParam();
    c.base_url = server.base_url();
    c.timeout_s = 10;
    c.retry.max_attempts = 1;
    return LlmClient(c);
  }
  // The user messages of the request the server got, in order.
  std::vector<std::string> user_messages(const testing::ReceivedRequest& r) {
    std::vector<std::string> out;
    for (const auto& m : r.body.at("messages"))
      if (m.at("role") == "user") out.push_back(m.at("content").get<std::string>());
    return out;
  }
  testing::FakeLlmServer server;
};

TEST_P(RunLoopTest, ScriptedThreeTurnSessionIsStoredAndReported) {
  server.push({200, reply(kBroken, 1000, 100), {}, 0});
  server.push({200, reply(kSlow, 1500, 120), {}, 0});
  server.push({200, reply(kFast, 2000, 140), {}, 0});
  LlmClient model = client();
  auto s = settings({"elementwise/vector_add"}, 3, GetParam());
  const std::string run = begin(s);
  auto ctx = context(model);
  LoopOutcome outcome = run_loop(ctx, run, s);
  EXPECT_TRUE(outcome.complete());
  EXPECT_EQ(outcome.turns_done, 3);
  ASSERT_TRUE(store_->run(run)->finished_at) << "a complete run is marked finished";

  // Attempts: one per turn, linked to sample 0 and their turn.
  auto attempts = store_->attempts(run);
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_EQ(attempts[0].verdict.status, Status::compile_error) << attempts[0].verdict.detail;
  ASSERT_EQ(attempts[1].verdict.status, Status::correct) << attempts[1].verdict.detail;
  ASSERT_EQ(attempts[2].verdict.status, Status::correct) << attempts[2].verdict.detail;
  for (int t = 0; t < 3; ++t) {
    EXPECT_EQ(attempts[t].sample, 0);
    EXPECT_EQ(attempts[t].turn, t);
  }
  ASSERT_TRUE(attempts[1].verdict.speedup && attempts[2].verdict.speedup);
  const double slow = *attempts[1].verdict.speedup, fast = *attempts[2].verdict.speedup;
  EXPECT_GT(fast, 2.0 * slow) << "slow " << slow << "x, fast " << fast << "x";

  // Turns link call → extracted source → attempt, with the feedback that was sent next.
  LlmStore llm(store_->database());
  auto turns = llm.turns(run);
  auto calls = llm.calls(run);
  ASSERT_EQ(turns.size(), 3u);
  ASSERT_EQ(calls.size(), 3u);
  for (int t = 0; t < 3; ++t) {
    EXPECT_EQ(turns[t].turn, t);
    EXPECT_EQ(turns[t].attempt_id, attempts[t].id);
    EXPECT_EQ(turns[t].llm_call_id, calls[t].id);
    ASSERT_TRUE(turns[t].extracted_source);
    EXPECT_EQ(*turns[t].extracted_source, attempts[t].source);
    EXPECT_EQ(calls[t].status, "ok");
    EXPECT_EQ(calls[t].provider, GetParam());
  }
  EXPECT_EQ(turns[0].status, Status::compile_error);
  EXPECT_NE(turns[0].feedback.find("did not compile"), std::string::npos) << turns[0].feedback;
  EXPECT_NE(turns[0].feedback.find("error"), std::string::npos) << turns[0].feedback;
  EXPECT_NE(turns[1].feedback.find("Your code is correct"), std::string::npos) << turns[1].feedback;
  EXPECT_NE(turns[1].feedback.find(fmt::format("{:.2f}x", slow)), std::string::npos) << turns[1].feedback;

  // What the model saw: turn 1 carries turn 0's reply and the compiler's own words; turn 2 the timings.
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  auto first = user_messages(requests[0]);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_NE(first[0].find("extern \"C\" void solve(const float* a, const float* b, float* c, int64_t n)"),
            std::string::npos);
  auto second = user_messages(requests[1]);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[1], turns[0].feedback);
  EXPECT_NE(second[1].find("candidate.cpp:3:"), std::string::npos) << "the compiler's own line: " << second[1];
  EXPECT_NE(second[1].find("error: expected"), std::string::npos) << second[1];
  auto third = user_messages(requests[2]);
  ASSERT_EQ(third.size(), 3u);
  EXPECT_EQ(third[2], turns[1].feedback);

  // The report: best is turn 2's speedup; tokens and cost add up.
  ReportOptions ro;
  ro.usd_per_mtok_input = 3.0;
  ro.usd_per_mtok_output = 15.0;
  RunReport report = build_report(*store_, run, ro);
  ASSERT_EQ(report.tasks.size(), 1u);
  EXPECT_EQ(report.tasks[0].best_status, Status::correct);
  EXPECT_EQ(report.tasks[0].best_turn, 2);
  EXPECT_DOUBLE_EQ(*report.tasks[0].speedup, fast);
  EXPECT_EQ(report.tasks[0].attempts, 3);
  EXPECT_EQ(report.tasks[0].correct_attempts, 2);
  EXPECT_DOUBLE_EQ(report.overall.correctness_rate, 1.0);
  EXPECT_DOUBLE_EQ(report.overall.fast_p.at(0.0), 1.0);
  EXPECT_DOUBLE_EQ(report.overall.fast_p.at(1.0), fast > 1.0 ? 1.0 : 0.0);
  EXPECT_EQ(report.tokens.calls, 3);
  EXPECT_EQ(report.tokens.input_tokens, 4500);
  EXPECT_EQ(report.tokens.output_tokens, 360);
  ASSERT_TRUE(report.tokens.cost_usd);
  EXPECT_NEAR(*report.tokens.cost_usd, 4500 * 3.0 / 1e6 + 360 * 15.0 / 1e6, 1e-12);

  // Resuming a finished run asks nothing more.
  outcome = run_loop(ctx, run, s);
  EXPECT_TRUE(outcome.complete());
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST_P(RunLoopTest, ReplyWithoutCodeIsANoCodeVerdictFedBack) {
  server.push({200, reply("I would use OpenMP here, but I will not write the code.", 10, 5), {}, 0});
  server.push({200, reply("Still no code, sorry.", 10, 5), {}, 0});
  LlmClient model = client();
  auto s = settings({"activation/relu"}, 2, GetParam());
  const std::string run = begin(s);
  auto ctx = context(model);
  EXPECT_TRUE(run_loop(ctx, run, s).complete());
  auto attempts = store_->attempts(run);
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].verdict.status, Status::no_code);
  EXPECT_NE(attempts[0].verdict.detail.find("no fenced code block"), std::string::npos);
  auto turns = LlmStore(store_->database()).turns(run);
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_FALSE(turns[0].extracted_source);
  EXPECT_NE(turns[0].feedback.find("No kernel could be taken"), std::string::npos) << turns[0].feedback;
  auto second = user_messages(server.requests().at(1));
  EXPECT_EQ(second.back(), turns[0].feedback);
  EXPECT_EQ(build_report(*store_, run).tasks.at(0).best_status, Status::no_code);
}

// A candidate that prints its environment and crashes (so its log is fed back to the model): kbench's
// API key must reach neither the next prompt nor any byte of the database. Fails when workers inherit
// kbench's environment.
TEST_P(RunLoopTest, AnApiKeyReachesNoPromptAndNoStoredRow) {
  const std::string key = "sk-test-run-loop-secret-0123456789";
  setenv("OPENAI_API_KEY", key.c_str(), 1);
  setenv("ANTHROPIC_API_KEY", key.c_str(), 1);
  const char* snoop = R"(Let me look around first.
```cpp
#include <cstdint>
#include <cstdio>
#include <unistd.h>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  for (char** e = environ; *e; ++e) std::printf("env: %s\n", *e);
  if (FILE* f = std::fopen("/proc/self/environ", "r")) {
    for (int ch; (ch = std::fgetc(f)) != EOF;) std::putchar(ch ? ch : '\n');
    std::fclose(f);
  }
  std::fflush(stdout);
  *(volatile int*)nullptr = 0;
}
```)";
  server.push({200, reply(snoop, 10, 5), {}, 0});
  server.push({200, reply(kFast, 10, 5), {}, 0});
  LlmClient model = client();
  auto s = settings({"elementwise/vector_add"}, 2, GetParam());
  const std::string run = begin(s);
  auto ctx = context(model);
  EXPECT_TRUE(run_loop(ctx, run, s).complete());
  unsetenv("OPENAI_API_KEY");
  unsetenv("ANTHROPIC_API_KEY");
  ASSERT_EQ(server.requests().size(), 2u);
  const auto feedback = user_messages(server.requests().at(1)).back();
  EXPECT_NE(feedback.find("env: PATH="), std::string::npos) << "the candidate's output was not fed back: " << feedback;
  for (const auto& r : server.requests()) EXPECT_EQ(r.body.dump().find(key), std::string::npos) << r.body.dump();
  store_.reset();  // flush and close the database before reading its bytes
  for (const char* file : {"kbench.db", "kbench.db-wal"}) {
    std::ifstream in(dir_ / file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(key), std::string::npos) << file << " holds the key";
  }
}

TEST_P(RunLoopTest, LlmFailureStopsTheConversationAndResumeContinuesIt) {
  server.push({200, reply("no code yet", 10, 5), {}, 0});
  server.push({400, R"({"error":"context too long"})", {}, 0});
  LlmClient model = client();
  auto s = settings({"activation/relu"}, 3, GetParam());
  const std::string run = begin(s);
  auto ctx = context(model);
  LoopOutcome first = run_loop(ctx, run, s);
  EXPECT_FALSE(first.complete());
  EXPECT_EQ(first.turns_done, 1);
  EXPECT_EQ(first.llm_failures, 1);
  EXPECT_FALSE(store_->run(run)->finished_at);
  auto calls = LlmStore(store_->database()).calls(run);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1].status, "error");
  EXPECT_EQ(calls[1].http_status, 400);
  EXPECT_NE(calls[1].error->find("context too long"), std::string::npos);

  server.push({200, reply("still none", 10, 5), {}, 0});
  server.push({200, reply("none again", 10, 5), {}, 0});
  LoopOutcome second = run_loop(ctx, run, s);
  EXPECT_TRUE(second.complete());
  EXPECT_EQ(second.turns_done, 3);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 4u);
  // The resumed turn 1 sends exactly what the failed try sent.
  EXPECT_EQ(requests[2].body.at("messages"), requests[1].body.at("messages"));
  EXPECT_EQ(LlmStore(store_->database()).turns(run).size(), 3u);
  EXPECT_TRUE(store_->run(run)->finished_at);
}

INSTANTIATE_TEST_SUITE_P(Providers, RunLoopTest, ::testing::Values("openai", "anthropic"));

TEST_F(LoopFixture, ShippedReplaySessionRunsOfflineAndIsLabelledScripted) {
  const auto file = replay_file("replay", kbench_root(), "cpu");
  ReplayModel model(file);
  EXPECT_NE(model.note().find("SCRIPTED RECORDING, NOT MODEL OUTPUT"), std::string::npos);
  EXPECT_NE(model.describe().find("scripted"), std::string::npos);
  auto s = settings({"activation/relu"}, 3, "replay");
  s.model = "replay";
  const std::string run = begin(s);
  auto ctx = context(model);
  EXPECT_TRUE(run_loop(ctx, run, s).complete());
  auto attempts = store_->attempts(run);
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_EQ(attempts[0].verdict.status, Status::incorrect) << attempts[0].verdict.detail;
  EXPECT_EQ(attempts[1].verdict.status, Status::correct) << attempts[1].verdict.detail;
  EXPECT_EQ(attempts[2].verdict.status, Status::correct) << attempts[2].verdict.detail;
  auto report = build_report(*store_, run);
  EXPECT_EQ(report.tokens.input_tokens + report.tokens.output_tokens, 0) << "a replay spends no tokens";
  // A task the recording lacks is an LLM failure, not a crash.
  auto missing = settings({"matmul/matmul"}, 1, "replay");
  const std::string run2 = begin(missing);
  EXPECT_EQ(run_loop(ctx, run2, missing).llm_failures, 1);
}

TEST_F(LoopFixture, CandidatesArePrecompiledBeforeTheirEvaluationWhenAPrecompileHookIsSet) {
  ReplayModel model(replay_file("replay", kbench_root(), "cpu"));
  auto s = settings({"activation/relu"}, 3, "replay");
  s.model = "replay";
  const std::string run = begin(s);
  auto ctx = context(model);
  std::mutex m;
  std::vector<std::string> events;
  const auto evaluate = ctx.evaluate;
  ctx.precompile = [&](const TaskSpec& t, const Candidate& c) {
    std::lock_guard lock(m);
    events.push_back("precompile " + t.id + " " + c.hash);
  };
  ctx.evaluate = [&](const TaskSpec& t, const Candidate& c) {
    {
      std::lock_guard lock(m);
      events.push_back("evaluate " + t.id + " " + c.hash);
    }
    return evaluate(t, c);
  };
  EXPECT_TRUE(run_loop(ctx, run, s).complete());
  auto attempts = store_->attempts(run);
  ASSERT_EQ(attempts.size(), 3u);
  ASSERT_EQ(events.size(), 6u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(events[2 * k], "precompile activation/relu " + attempts[k].source_hash);
    EXPECT_EQ(events[2 * k + 1], "evaluate activation/relu " + attempts[k].source_hash);
  }
}

TEST_F(LoopFixture, ShippedReplaySessionOnlyNamesCatalogTasks) {
  auto j = nlohmann::json::parse(std::ifstream(replay_file("replay", kbench_root(), "cpu")));
  for (const auto& [task, turns] : j.at("replies").items()) {
    EXPECT_TRUE(std::filesystem::exists(kbench_root() / "tasks" / (task + ".json"))) << task;
    EXPECT_EQ(turns.size(), 3u) << task;
  }
}

}  // namespace
}  // namespace kbench::llm

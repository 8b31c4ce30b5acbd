// results/analysis/report on hand-made attempts and LLM calls: best verdict per task, fast_p, tokens and cost.
#include <gtest/gtest.h>

#include "results/analysis/report.hpp"
#include "tests/run/loop_fixture.hpp"

namespace kbench {
namespace {

using testing::LoopFixture;

AttemptRecord attempt(const std::string& run, const std::string& task, Status s, std::optional<double> speedup,
                      int turn) {
  AttemptRecord a;
  a.run_id = run;
  a.task_id = task;
  a.backend = "cpu";
  a.sample = 0;
  a.turn = turn;
  a.source = "src";
  a.source_hash = "h";
  a.verdict.status = s;
  a.verdict.speedup = speedup;
  return a;
}

TEST_F(LoopFixture, ReportPicksTheBestAttemptAndComputesFastP) {
  const std::string run = store_->begin_run(
      "run", "test", {{"tasks", {"a/one", "a/two", "b/three", "b/four"}}, {"backend", "cpu"}, {"model", "m"}});
  store_->add_attempt(attempt(run, "a/one", Status::compile_error, std::nullopt, 0));
  store_->add_attempt(attempt(run, "a/one", Status::correct, 0.8, 1));
  store_->add_attempt(attempt(run, "a/one", Status::correct, 1.7, 2));
  store_->add_attempt(attempt(run, "a/one", Status::correct, 1.2, 3));
  store_->add_attempt(attempt(run, "a/two", Status::incorrect, std::nullopt, 0));
  store_->add_attempt(attempt(run, "a/two", Status::no_code, std::nullopt, 1));
  store_->add_attempt(attempt(run, "b/three", Status::correct, 3.0, 0));
  // b/four: never attempted (e.g. every LLM call failed) but still counted.
  LlmStore llm(store_->database());
  LlmCallRecord call;
  call.run_id = run;
  call.provider = "openai";
  call.model = "m";
  call.endpoint = "e";
  call.request_json = "{}";
  call.input_tokens = 1000;
  call.output_tokens = 200;
  llm.add_call(call);
  call.cached = true;  // cached calls cost nothing
  llm.add_call(call);
  call.cached = false;
  call.status = "error";
  call.input_tokens = call.output_tokens = 0;
  llm.add_call(call);

  ReportOptions options;
  options.usd_per_mtok_input = 1.0;
  options.usd_per_mtok_output = 4.0;
  RunReport r = build_report(*store_, run, options);
  ASSERT_EQ(r.tasks.size(), 4u);
  EXPECT_EQ(r.tasks[0].task_id, "a/one");
  EXPECT_EQ(r.tasks[0].best_status, Status::correct);
  EXPECT_DOUBLE_EQ(*r.tasks[0].speedup, 1.7);
  EXPECT_EQ(r.tasks[0].best_turn, 2);
  EXPECT_EQ(r.tasks[1].best_status, Status::incorrect);
  EXPECT_FALSE(r.tasks[1].speedup);
  EXPECT_EQ(r.tasks[2].task_id, "b/four");
  EXPECT_FALSE(r.tasks[2].best_status.has_value());
  EXPECT_EQ(status_text(r.tasks[2].best_status), "not_attempted");
  EXPECT_EQ(r.tasks[3].best_status, Status::correct);

  EXPECT_EQ(r.overall.tasks, 4);
  EXPECT_EQ(r.overall.correct, 2);
  EXPECT_DOUBLE_EQ(r.overall.correctness_rate, 0.5);
  EXPECT_DOUBLE_EQ(r.overall.fast_p.at(0.0), 0.5);
  EXPECT_DOUBLE_EQ(r.overall.fast_p.at(1.0), 0.5);
  EXPECT_DOUBLE_EQ(r.overall.fast_p.at(2.0), 0.25);
  EXPECT_NEAR(*r.overall.geomean_speedup, std::sqrt(1.7 * 3.0), 1e-12);
  ASSERT_EQ(r.categories.size(), 2u);
  EXPECT_EQ(r.categories[0].name, "a");
  EXPECT_DOUBLE_EQ(r.categories[0].correctness_rate, 0.5);
  EXPECT_DOUBLE_EQ(r.categories[1].fast_p.at(2.0), 0.5);

  EXPECT_EQ(r.tokens.calls, 3);
  EXPECT_EQ(r.tokens.cached_calls, 1);
  EXPECT_EQ(r.tokens.failed_calls, 1);
  EXPECT_EQ(r.tokens.input_tokens, 1000);
  EXPECT_EQ(r.tokens.output_tokens, 200);
  EXPECT_NEAR(*r.tokens.cost_usd, 1000 * 1.0 / 1e6 + 200 * 4.0 / 1e6, 1e-15);

  auto j = to_json(r);
  EXPECT_EQ(j["overall"]["fast_p"]["1.5"], 0.5);
  EXPECT_EQ(j["tasks"][0]["best_turn"], 2);
  std::string text = format_report(r);
  EXPECT_NE(text.find("a/one"), std::string::npos);
  EXPECT_NE(text.find("1.70x"), std::string::npos);
  EXPECT_NE(text.find("cost $"), std::string::npos);
}

// Issue 16: a speedup timed under the screen policy says so (a serve run's label may mix policies).
TEST_F(LoopFixture, ReportNamesTheTimingPolicyOfEachBestSpeedup) {
  const std::string run = store_->begin_run("serve", "test", {{"backend", "cpu"}});
  AttemptRecord screened = attempt(run, "a/one", Status::correct, 1.4, 0);
  screened.verdict.timing_policy = "screen";
  AttemptRecord full = attempt(run, "a/two", Status::correct, 1.1, 0);
  full.verdict.timing_policy = "full";
  AttemptRecord wrong = attempt(run, "a/three", Status::incorrect, std::nullopt, 0);
  wrong.verdict.timing_policy = "screen";
  store_->add_attempt(screened);
  store_->add_attempt(full);
  store_->add_attempt(wrong);
  const RunReport r = build_report(*store_, run);
  ASSERT_EQ(r.tasks.size(), 3u);
  EXPECT_EQ(r.tasks[0].task_id, "a/one");
  EXPECT_EQ(r.tasks[0].timing_policy, "screen");
  EXPECT_EQ(r.tasks[1].timing_policy, "");  // a/three: no speedup, so no policy behind one
  EXPECT_EQ(r.tasks[2].timing_policy, "full");
  const nlohmann::json j = to_json(r);
  EXPECT_EQ(j["tasks"][0]["timing_policy"], "screen");
  EXPECT_TRUE(j["tasks"][1]["timing_policy"].is_null());
  EXPECT_NE(format_report(r).find("1 of these speedups were timed under the screen policy"), std::string::npos) << format_report(r);
}

TEST_F(LoopFixture, ReportOfAnUnknownRunIsAnError) { EXPECT_THROW(build_report(*store_, "nope"), std::invalid_argument); }

}  // namespace
}  // namespace kbench

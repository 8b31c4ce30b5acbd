// parse_evaluation_request: every malformed or invalid body is a RequestError with the right status and
// code, naming the field; a good body gives the task, the candidate and the options as sent.
#include <gtest/gtest.h>

#include "harness/serve/evaluation_request.hpp"

#include "../test_support.hpp"

using namespace kbench;
using namespace kbench::serve;

namespace {

struct Parsing : ::testing::Test {
  static const Catalog& catalog() {
    static const Catalog c = Catalog::load(test::source_dir() / "tasks");
    return c;
  }
  std::unique_ptr<Backend> cpu = make_backend("cpu");
  RequestLimits limits;

  std::variant<EvaluationRequest, RequestError> parse(const std::string& body) {
    return parse_evaluation_request(body, catalog(), *cpu, limits);
  }
  RequestError error(const std::string& body) {
    auto r = parse(body);
    EXPECT_TRUE(std::holds_alternative<RequestError>(r)) << body;
    return std::holds_alternative<RequestError>(r) ? std::get<RequestError>(r) : RequestError{};
  }
};

const std::string kSource = "extern \"C\" void solve() {}";

TEST_F(Parsing, AGoodBodyGivesTaskCandidateAndOptions) {
  auto r = parse(nlohmann::json{{"task", "elementwise/vector_add"}, {"backend", "cpu"}, {"source", kSource},
                                {"options", {{"time", false}, {"trials", 2}, {"seed", "18446744073709551615"},
                                             {"timing", "full"}, {"label", "rl-step-7"}}}}
                     .dump());
  ASSERT_TRUE(std::holds_alternative<EvaluationRequest>(r)) << error_body(std::get<RequestError>(r));
  const auto& q = std::get<EvaluationRequest>(r);
  EXPECT_EQ(q.task->id, "elementwise/vector_add");
  EXPECT_EQ(q.backend, "cpu");
  EXPECT_EQ(q.candidate.source, kSource);
  EXPECT_EQ(q.candidate.hash.size(), 64u);
  EXPECT_EQ(q.candidate.file_name, "candidate.cpp");
  EXPECT_EQ(q.time, false);
  EXPECT_EQ(q.trials, 2);
  EXPECT_EQ(q.seed, 18446744073709551615ull);
  EXPECT_EQ(q.timing, "full");
  EXPECT_EQ(q.label, "rl-step-7");
}

TEST_F(Parsing, ScreenIsATimingPolicy) {
  auto r = parse(nlohmann::json{{"task", "elementwise/vector_add"}, {"source", kSource}, {"options", {{"timing", "screen"}}}}.dump());
  ASSERT_TRUE(std::holds_alternative<EvaluationRequest>(r)) << error_body(std::get<RequestError>(r));
  EXPECT_EQ(std::get<EvaluationRequest>(r).timing, "screen");
}

TEST_F(Parsing, OptionsAndBackendAreOptional) {
  auto r = parse(nlohmann::json{{"task", "elementwise/vector_add"}, {"source", kSource}}.dump());
  ASSERT_TRUE(std::holds_alternative<EvaluationRequest>(r));
  const auto& q = std::get<EvaluationRequest>(r);
  EXPECT_EQ(q.backend, "cpu");
  EXPECT_FALSE(q.time);
  EXPECT_FALSE(q.trials);
  EXPECT_FALSE(q.seed);
  EXPECT_FALSE(q.timing);  // the server's own policy
  EXPECT_EQ(q.label, "");
}

TEST_F(Parsing, ASeedMayBeANumberAndZeroMeansFresh) {
  auto r = parse(nlohmann::json{{"task", "elementwise/vector_add"}, {"source", kSource}, {"options", {{"seed", 42}}}}.dump());
  ASSERT_TRUE(std::holds_alternative<EvaluationRequest>(r));
  EXPECT_EQ(std::get<EvaluationRequest>(r).seed, 42u);
  r = parse(nlohmann::json{{"task", "elementwise/vector_add"}, {"source", kSource}, {"options", {{"seed", "0"}}}}.dump());
  ASSERT_TRUE(std::holds_alternative<EvaluationRequest>(r));
  EXPECT_FALSE(std::get<EvaluationRequest>(r).seed);
}

struct Bad {
  std::string body;
  int status;
  std::string code, message_has;
};

TEST_F(Parsing, EveryBadBodyIsRefusedNamingWhatIsWrong) {
  const std::string task = "\"task\":\"elementwise/vector_add\"";
  const std::string src = "\"source\":\"x\"";
  const std::vector<Bad> cases = {
      {"", 400, "bad_json", "not JSON"},
      {"{\"task\":", 400, "bad_json", "not JSON"},
      {"[1,2]", 400, "bad_json", "not an array"},
      {"\"text\"", 400, "bad_json", "not a string"},
      {"{" + src + "}", 400, "missing_field", "'task'"},
      {"{" + task + "}", 400, "missing_field", "'source'"},
      {"{\"task\":7," + src + "}", 400, "invalid_field", "'task' must be a string, not a number"},
      {"{" + task + ",\"source\":[\"x\"]}", 400, "invalid_field", "'source' must be a string, not an array"},
      {"{" + task + ",\"source\":\"\"}", 400, "invalid_field", "'source' is empty"},
      {"{\"task\":\"elementwise/no_such_task\"," + src + "}", 404, "unknown_task", "no_such_task"},
      {"{" + task + "," + src + ",\"backend\":\"tpu\"}", 400, "unknown_backend", "'tpu'"},
      {"{" + task + "," + src + ",\"backend\":3}", 400, "invalid_field", "'backend'"},
      {"{" + task + "," + src + ",\"sauce\":1}", 400, "unknown_field", "'sauce'"},
      {"{" + task + "," + src + ",\"options\":[]}", 400, "invalid_field", "'options' must be an object"},
      {"{" + task + "," + src + ",\"options\":{\"time\":\"yes\"}}", 400, "invalid_field", "'options.time'"},
      {"{" + task + "," + src + ",\"options\":{\"trials\":0}}", 400, "invalid_field", "between 1 and 100"},
      {"{" + task + "," + src + ",\"options\":{\"trials\":1.5}}", 400, "invalid_field", "'options.trials'"},
      {"{" + task + "," + src + ",\"options\":{\"seed\":\"-1\"}}", 400, "invalid_field", "'options.seed'"},
      {"{" + task + "," + src + ",\"options\":{\"seed\":\"12x\"}}", 400, "invalid_field", "'options.seed'"},
      {"{" + task + "," + src + ",\"options\":{\"timing\":\"fast\"}}", 400, "invalid_field",
       "'options.timing' must be \"full\" or \"screen\", not \"fast\""},
      {"{" + task + "," + src + ",\"options\":{\"timing\":\"Screen\"}}", 400, "invalid_field", "not \"Screen\""},
      {"{" + task + "," + src + ",\"options\":{\"timing\":1}}", 400, "invalid_field", "'options.timing' must be \"full\" or \"screen\", not a number"},
      {"{" + task + "," + src + ",\"options\":{\"label\":5}}", 400, "invalid_field", "'options.label'"},
      {"{" + task + "," + src + ",\"options\":{\"no_time\":true}}", 400, "unknown_field", "'no_time'"},
  };
  for (const Bad& c : cases) {
    const RequestError e = error(c.body);
    EXPECT_EQ(e.status, c.status) << c.body;
    EXPECT_EQ(e.code, c.code) << c.body << ": " << e.message;
    EXPECT_NE(e.message.find(c.message_has), std::string::npos) << c.body << ": " << e.message;
  }
}

TEST_F(Parsing, ABackendThisServerDoesNotJudgeOnIsRefused) {
  const auto names = backend_names();
  if (std::find(names.begin(), names.end(), "hip") == names.end()) GTEST_SKIP() << "no second backend built";
  const RequestError e = error("{\"task\":\"elementwise/vector_add\",\"source\":\"x\",\"backend\":\"hip\"}");
  EXPECT_EQ(e.code, "backend_not_served");
}

TEST_F(Parsing, SourcesAndLabelsOverTheLimitsAreRefused) {
  limits.max_source_bytes = 10;
  RequestError e = error(nlohmann::json{{"task", "elementwise/vector_add"}, {"source", std::string(11, 'x')}}.dump());
  EXPECT_EQ(e.status, 413);
  EXPECT_EQ(e.code, "source_too_large");
  e = error(nlohmann::json{{"task", "elementwise/vector_add"}, {"source", "x"}, {"options", {{"label", std::string(201, 'l')}}}}.dump());
  EXPECT_EQ(e.code, "invalid_field");
}

TEST_F(Parsing, ErrorBodiesCarryCodeAndMessage) {
  const auto j = error_body({429, "queue_full", "later"});
  EXPECT_EQ(j, (nlohmann::json{{"error", "queue_full"}, {"message", "later"}}));
}

}  // namespace

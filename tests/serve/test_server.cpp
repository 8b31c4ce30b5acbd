// kbench serve through a real server on an ephemeral loopback port (httplib::Client): the verdicts of
// `kbench eval` for honest and hostile candidates, every verdict stored with its label, malformed requests
// refused with JSON errors while the server stays up, backpressure (429 + Retry-After), concurrent clients,
// polling (wait=false) and the bearer token off loopback.
#include <gtest/gtest.h>

#include <future>

#include "harness/serve/slot_evaluator.hpp"
#include "results/store/store.hpp"
#include "serve_test_support.hpp"

using namespace kbench;
using namespace std::chrono_literals;

namespace {

void expect_healthy(const test::RunningServer& s) {
  auto r = s.client()->Get("/v1/health");
  ASSERT_TRUE(r) << "the server is down";
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(test::body_json(r).at("status"), "ok");
}

// Polls GET /v1/evaluations/{id} until its state is one of `states` (or 120 s pass).
nlohmann::json poll_until(const test::RunningServer& s, const std::string& id, const std::set<std::string>& states) {
  auto c = s.client();
  nlohmann::json j;
  for (auto end = std::chrono::steady_clock::now() + 120s; std::chrono::steady_clock::now() < end;) {
    auto r = c->Get("/v1/evaluations/" + id);
    if (!r || r->status != 200) return nullptr;
    j = test::body_json(r);
    if (states.count(j.at("state").get<std::string>())) return j;
    std::this_thread::sleep_for(50ms);
  }
  return j;
}

// Submits vector_add_hang.cpp without waiting and returns its job id once a slot runs it ("" when it did
// not get there: the caller's expectations fail then).
std::string start_hanging_job(const test::RunningServer& s) {
  auto c = s.client();
  auto r = c->Post("/v1/evaluations?wait=false", test::evaluation_body("vector_add_hang.cpp"), "application/json");
  EXPECT_TRUE(r);
  if (!r) return "";
  EXPECT_EQ(r->status, 202) << r->body;
  EXPECT_EQ(r->get_header_value("Location"), "/v1/evaluations/" + test::body_json(r).value("id", std::string()));
  const std::string id = test::body_json(r).value("id", std::string());
  EXPECT_EQ(poll_until(s, id, {"running", "done"}).value("state", std::string()), "running");
  return id;
}

TEST(Serve, HealthAndTasks) {
  test::TempDir tmp;
  test::RunningServer s(test::serve_config(tmp.path));
  auto c = s.client();
  auto health = test::body_json(c->Get("/v1/health"));
  EXPECT_EQ(health.at("status"), "ok");
  EXPECT_EQ(health.at("backend"), "cpu");
  EXPECT_EQ(health.at("slots"), 1);
  EXPECT_EQ(health.at("timing_policy"), "full");  // what a request without options.timing gets
  EXPECT_EQ(health.at("queued"), 0);
  EXPECT_TRUE(health.at("device").is_string());
  auto tasks = test::body_json(c->Get("/v1/tasks"));
  ASSERT_TRUE(tasks.is_array());
  EXPECT_EQ(tasks.size(), test::catalog().tasks().size());
  const auto it = std::find_if(tasks.begin(), tasks.end(), [](const auto& t) { return t.at("id") == "elementwise/vector_add"; });
  ASSERT_NE(it, tasks.end());
  EXPECT_NE(std::find(it->at("reference_backends").begin(), it->at("reference_backends").end(), "cpu"), it->at("reference_backends").end());
}

TEST(Serve, AnHonestCandidateGetsTheVerdictOfKbenchEvalAndIsStoredWithItsLabel) {
  test::TempDir tmp;
  test::RunningServer s(test::serve_config(tmp.path));
  auto r = s.client()->Post("/v1/evaluations", test::evaluation_body("vector_add_correct.cpp", {{"seed", "12345"}, {"label", "rl-step-1"}}),
                            "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto served = test::body_json(r);

  const ProcessResult e = test::run_kbench({"eval", test::candidate("vector_add_correct.cpp").string(), "--task",
                                            "elementwise/vector_add", "--backend", "cpu", "--json", "--no-time",
                                            "--run-timeout", "5", "--seed", "12345", "--no-db"}, tmp.path);
  const auto evaluated = test::parse_json_output(e);
  EXPECT_EQ(served.at("status"), "correct");
  EXPECT_EQ(served.at("status"), evaluated.at("status"));
  EXPECT_EQ(served.at("detail"), evaluated.at("detail"));
  EXPECT_EQ(served.at("metrics"), evaluated.at("metrics"));  // same seed: the same inputs, the same errors
  EXPECT_EQ(served.at("seed"), "12345");
  EXPECT_EQ(served.at("source_hash"), evaluated.at("source_hash"));
  // The same fields as eval's, less the file name, plus the job's id, the label and the stored attempt.
  for (const auto& [key, value] : evaluated.items())
    if (key != "file") EXPECT_TRUE(served.contains(key)) << key;
  EXPECT_EQ(served.at("label"), "rl-step-1");
  ASSERT_TRUE(served.contains("attempt_id"));

  ResultStore store(tmp.path / "kbench.db");
  const auto run = store.find_run("rl-step-1");
  ASSERT_TRUE(run);
  EXPECT_EQ(store.run(*run)->kind, "serve");
  const auto attempts = store.attempts(*run);
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].id, served.at("attempt_id").get<std::int64_t>());
  EXPECT_EQ(attempts[0].verdict.status, Status::correct);
  EXPECT_EQ(attempts[0].source, test::read_text(test::candidate("vector_add_correct.cpp")));
}

TEST(Serve, HostileCandidatesAreJudgedAndTheServerStaysUp) {
  test::TempDir tmp;
  test::RunningServer s(test::serve_config(tmp.path));
  struct Case {
    std::string file, status, detail_has;
  };
  for (const Case& c : {Case{"vector_add_segfault.cpp", "runtime_error", "Segmentation fault"},
                        Case{"vector_add_forges_reply.cpp", "runtime_error", "malformed reply"},
                        Case{"vector_add_raw_fork.cpp", "runtime_error", "process creation is not allowed"},
                        Case{"vector_add_exit.cpp", "runtime_error", "exited with status 0"},
                        Case{"vector_add_out_of_bounds.cpp", "incorrect", "outside the bounds of 'c'"}}) {
    auto r = s.client()->Post("/v1/evaluations", test::evaluation_body(c.file), "application/json");
    ASSERT_TRUE(r) << c.file;
    ASSERT_EQ(r->status, 200) << c.file << ": " << r->body;
    const auto j = test::body_json(r);
    EXPECT_EQ(j.at("status"), c.status) << c.file << ": " << j.at("detail");
    EXPECT_NE(j.at("detail").get<std::string>().find(c.detail_has), std::string::npos) << c.file << ": " << j.at("detail");
    expect_healthy(s);
  }
}

TEST(Serve, MalformedRequestsGetJsonErrorsAndTheServerStaysUp) {
  test::TempDir tmp;
  auto config = test::serve_config(tmp.path);
  config.max_body_bytes = 64 * 1024;
  test::RunningServer s(config);
  auto c = s.client();
  struct Case {
    std::string path, body;
    int status;
    std::string code;
  };
  const std::string ok_source = test::read_text(test::candidate("vector_add_correct.cpp"));
  for (const Case& k : {Case{"/v1/evaluations", "{not json", 400, "bad_json"},
                        Case{"/v1/evaluations", "[]", 400, "bad_json"},
                        Case{"/v1/evaluations", R"({"task":"elementwise/vector_add"})", 400, "missing_field"},
                        Case{"/v1/evaluations", R"({"task":"elementwise/vector_add","source":42})", 400, "invalid_field"},
                        Case{"/v1/evaluations", R"({"task":"nope/nope","source":"x"})", 404, "unknown_task"},
                        Case{"/v1/evaluations", R"({"task":"elementwise/vector_add","source":"x","backend":"tpu"})", 400, "unknown_backend"},
                        Case{"/v1/evaluations", R"({"task":"elementwise/vector_add","source":"x","options":{"timing":"bogus"}})", 400, "invalid_field"},
                        Case{"/v1/evaluations?wait=perhaps", R"({"task":"elementwise/vector_add","source":"x"})", 400, "invalid_parameter"},
                        Case{"/v1/evaluations", nlohmann::json{{"task", "elementwise/vector_add"}, {"source", std::string(100 * 1024, ' ')}}.dump(), 413, "payload_too_large"},
                        Case{"/v1/nowhere", "{}", 404, "not_found"}}) {
    auto r = c->Post(k.path, k.body, "application/json");
    ASSERT_TRUE(r) << k.path << " " << k.body.substr(0, 80);
    EXPECT_EQ(r->status, k.status) << k.body.substr(0, 80) << ": " << r->body;
    const auto j = test::body_json(r);
    ASSERT_TRUE(j.is_object()) << r->body;
    EXPECT_EQ(j.value("error", ""), k.code) << r->body;
    EXPECT_FALSE(j.value("message", "").empty()) << r->body;
    c = s.client();  // httplib closes the connection after some refusals (413)
  }
  auto r = c->Get("/v1/evaluations/ev-none-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(test::body_json(r).at("error"), "unknown_evaluation");
  expect_healthy(s);
  // Nothing was queued or stored for any of them.
  EXPECT_TRUE(ResultStore(tmp.path / "kbench.db").runs().empty());
}

TEST(Serve, AFullQueueAnswers429WithRetryAfterAndPolledJobsFinish) {
  test::TempDir tmp;
  auto config = test::serve_config(tmp.path);
  config.queue_capacity = 1;
  config.eval.run_timeout_s = 2;  // the hanging candidate holds the only slot for ~2 s
  test::RunningServer s(config);
  auto c = s.client();
  const std::string hang = start_hanging_job(s);
  ASSERT_FALSE(hang.empty());

  auto second = c->Post("/v1/evaluations?wait=false", test::evaluation_body("vector_add_correct.cpp", {{"label", "polled"}}), "application/json");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 202) << second->body;
  const std::string correct = test::body_json(second).at("id");

  auto third = c->Post("/v1/evaluations", test::evaluation_body("vector_add_wrong.cpp"), "application/json");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->status, 429) << third->body;
  EXPECT_EQ(test::body_json(third).at("error"), "queue_full");
  ASSERT_TRUE(third->has_header("Retry-After"));
  EXPECT_GE(std::stoi(third->get_header_value("Retry-After")), 1);

  const auto h = poll_until(s, hang, {"done", "failed", "abandoned"});
  EXPECT_EQ(h.at("state"), "done");
  EXPECT_EQ(h.at("verdict").at("status"), "timeout");
  const auto k = poll_until(s, correct, {"done", "failed", "abandoned"});
  EXPECT_EQ(k.at("state"), "done");
  EXPECT_EQ(k.at("verdict").at("status"), "correct");
  EXPECT_EQ(k.at("verdict").at("label"), "polled");
  EXPECT_EQ(k.at("label"), "polled");
  // Room again once the queue drained.
  auto again = c->Post("/v1/evaluations", test::evaluation_body("vector_add_wrong.cpp"), "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(test::body_json(again).at("status"), "incorrect");
}

TEST(Serve, ConcurrentClientsAllGetTheirOwnVerdicts) {
  test::TempDir tmp;
  auto config = test::serve_config(tmp.path);
  config.slots = 2;  // verify-only evaluations share the machine; timed ones would still run alone
  test::RunningServer s(config);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"vector_add_correct.cpp", "correct"},       {"vector_add_wrong.cpp", "incorrect"},
      {"vector_add_segfault.cpp", "runtime_error"}, {"vector_add_syntax_error.cpp", "compile_error"},
      {"vector_add_chatty.cpp", "correct"},         {"vector_add_modifies_input.cpp", "incorrect"}};
  std::vector<std::future<nlohmann::json>> answers;
  for (const auto& [file, status] : cases)
    answers.push_back(std::async(std::launch::async, [&s, file = file] {
      auto r = s.client()->Post("/v1/evaluations", test::evaluation_body(file, {{"label", "concurrent"}}), "application/json");
      return r && r->status == 200 ? test::body_json(r) : nlohmann::json{{"http", r ? r->status : -1}};
    }));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto j = answers[i].get();
    ASSERT_TRUE(j.contains("status")) << cases[i].first << ": " << j.dump();
    EXPECT_EQ(j.at("status"), cases[i].second) << cases[i].first << ": " << j.at("detail");
    EXPECT_EQ(j.at("source_hash"), make_candidate(test::read_text(test::candidate(cases[i].first)), "x").hash);
    ids.insert(j.at("id"));
  }
  EXPECT_EQ(ids.size(), cases.size());
  ResultStore store(tmp.path / "kbench.db");
  EXPECT_EQ(store.attempts(*store.find_run("concurrent")).size(), cases.size());
}

TEST(Serve, ATimedEvaluationReportsTimingsLikeEval) {
  test::TempDir tmp;
  auto config = test::serve_config(tmp.path);
  config.eval.timing.max_time_ms = 200;
  test::RunningServer s(config);
  auto r = s.client()->Post("/v1/evaluations", test::evaluation_body("vector_add_correct.cpp", {{"time", true}}), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto j = test::body_json(r);
  EXPECT_EQ(j.at("status"), "correct") << j.at("detail");
  ASSERT_FALSE(j.at("timings").empty());
  EXPECT_GT(j.at("candidate_median_ns").get<double>(), 0);
  EXPECT_GT(j.at("speedup").get<double>(), 0);
  EXPECT_EQ(j.at("timing_policy"), "full");  // the server's, with its own cap
  EXPECT_EQ(j.at("timing_parameters").at("max_time_ms"), 200.0);
}

// Issue 16: a slot keeps its trusted reference worker between requests (its start and the reference's load
// are paid once), so two timed requests leave one reference worker's log in the cache, not two.
TEST(Serve, TimedRequestsShareTheSlotsReferenceWorker) {
  test::TempDir tmp;
  auto config = test::serve_config(tmp.path);
  config.eval.timing.max_time_ms = 100;
  test::RunningServer s(config);
  for (int i = 0; i < 2; ++i) {
    auto r = s.client()->Post("/v1/evaluations", test::evaluation_body("vector_add_correct.cpp", {{"time", true}}), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(test::body_json(r).at("status"), "correct");
  }
  int reference_logs = 0;
  for (const auto& e : std::filesystem::directory_iterator(tmp.path / "cache" / "workers"))
    reference_logs += e.path().filename().string().rfind("reference-", 0) == 0;
  EXPECT_EQ(reference_logs, 1);
}

// Issue 16: candidates waiting in the queue are compiled while an earlier one is judged, so their compile
// does not add to their evaluation: the verdict finds its artifact in the compile cache. Without the
// compile-ahead threads (the control) the same wait leaves the candidate uncompiled.
TEST(Serve, QueuedCandidatesAreCompiledWhileAnEarlierOneIsJudged) {
  for (const int ahead : {1, 0}) {
    test::TempDir tmp;
    auto config = test::serve_config(tmp.path);
    config.eval.run_timeout_s = 2;  // the hanging candidate holds the only slot for ~2 s
    config.compile_ahead = ahead;
    test::RunningServer s(config);
    auto c = s.client();
    const std::string hang = start_hanging_job(s);
    ASSERT_FALSE(hang.empty());
    // A source no cache has seen (a fresh temp folder's cache, and a comment of its own).
    nlohmann::json body = nlohmann::json::parse(test::evaluation_body("vector_add_correct.cpp"));
    body["source"] = body["source"].get<std::string>() + "\n// compiled ahead? " + std::to_string(ahead) + "\n";
    auto second = c->Post("/v1/evaluations?wait=false", body.dump(), "application/json");
    ASSERT_TRUE(second);
    ASSERT_EQ(second->status, 202) << second->body;
    const auto j = poll_until(s, test::body_json(second).at("id"), {"done", "failed", "abandoned"});
    ASSERT_EQ(j.at("state"), "done") << j.dump();
    EXPECT_EQ(j.at("verdict").at("status"), "correct");
    EXPECT_EQ(j.at("verdict").at("compile_cached"), ahead > 0) << "compile-ahead threads: " << ahead;
  }
}

// Issue 16: a request may ask for the screen policy; the verdict names it, with its parameters, and so does
// the stored one. What is checked is the same as under full (every timed call, on the parent's clock).
TEST(Serve, AScreenedEvaluationIsCorrectAndNamesItsPolicy) {
  test::TempDir tmp;
  auto config = test::serve_config(tmp.path);
  config.eval.timing.max_time_ms = 200;
  test::RunningServer s(config);
  auto r = s.client()->Post("/v1/evaluations",
                            test::evaluation_body("vector_add_correct.cpp", {{"time", true}, {"timing", "screen"}, {"label", "screened"}}),
                            "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto j = test::body_json(r);
  EXPECT_EQ(j.at("status"), "correct") << j.at("detail");
  EXPECT_EQ(j.at("timing_policy"), "screen");
  EXPECT_EQ(j.at("timing_parameters").at("max_time_ms"), 300.0);  // screen's own, not the server's full cap
  EXPECT_EQ(j.at("timing_parameters").at("min_samples"), 5);
  ASSERT_FALSE(j.at("timings").empty());
  const auto& m = j.at("timings").at(0).at("measurement");
  EXPECT_EQ(m.at("clock"), "parent");
  EXPECT_EQ(m.at("every_call_checked"), true);
  EXPECT_GE(m.at("rounds").get<int>(), 1);
  ResultStore store(tmp.path / "kbench.db");
  const auto attempts = store.attempts(*store.find_run("screened"));
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].verdict.timing_policy, "screen");
  EXPECT_EQ(attempts[0].verdict.timing_parameters.value("max_time_ms", 0.0), 300.0);
}

// A request naming the server's own policy gets it as the server runs it; naming the other, that policy's
// stated parameters; naming none, the server's.
TEST(Serve, ARequestsTimingPolicyPicksTheOptionsItIsJudgedWith) {
  EvalOptions defaults = default_eval_options();
  defaults.timing.max_time_ms = 200;  // kbench serve --max-time-ms 200 (full)
  serve::EvaluationRequest request;
  EXPECT_EQ(serve::SlotEvaluator::options_for(defaults, request).timing.max_time_ms, 200);
  request.timing = "full";
  EXPECT_EQ(serve::SlotEvaluator::options_for(defaults, request).timing.max_time_ms, 200);
  request.timing = "screen";
  const EvalOptions screened = serve::SlotEvaluator::options_for(defaults, request);
  EXPECT_EQ(screened.timing.name, "screen");
  EXPECT_EQ(screened.timing.max_time_ms, 300);
  EXPECT_EQ(screened.timing.target_rse, 0.02);
  defaults.timing = screened.timing;  // kbench serve --timing screen
  request.timing = "full";
  EXPECT_EQ(serve::SlotEvaluator::options_for(defaults, request).timing.name, "full");
  EXPECT_EQ(serve::SlotEvaluator::options_for(defaults, request).timing.max_time_ms, 2000);
  request.timing.reset();
  EXPECT_EQ(serve::SlotEvaluator::options_for(defaults, request).timing.name, "screen");
}

TEST(Serve, OffLoopbackATokenIsRequiredAndChecked) {
  test::TempDir tmp;
  auto config = test::serve_config(tmp.path);
  config.host = "0.0.0.0";
  EXPECT_THROW(serve::Server(test::catalog(), config), std::invalid_argument);
  config.token = "s3cret-token";
  test::RunningServer s(config);
  auto c = s.client();
  auto r = c->Get("/v1/tasks");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(test::body_json(r).at("error"), "unauthorized");
  r = c->Post("/v1/evaluations", test::evaluation_body("vector_add_correct.cpp"), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = c->Get("/v1/tasks", {{"Authorization", "Bearer wrong-token"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  r = c->Get("/v1/tasks", {{"Authorization", "Bearer s3cret-token"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  r = c->Get("/v1/health");  // probes need no token
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(ResultStore(tmp.path / "kbench.db").runs().empty());  // the refused POST was not judged
}

TEST(Serve, ShutdownAbandonsQueuedWorkAndRefusesNewWork) {
  test::TempDir tmp;
  auto config = test::serve_config(tmp.path);
  config.eval.run_timeout_s = 2;
  test::RunningServer s(config);
  auto c = s.client();
  const std::string hang = test::body_json(c->Post("/v1/evaluations?wait=false", test::evaluation_body("vector_add_hang.cpp"), "application/json")).at("id");
  const std::string queued = test::body_json(c->Post("/v1/evaluations?wait=false", test::evaluation_body("vector_add_correct.cpp"), "application/json")).at("id");
  ASSERT_EQ(poll_until(s, hang, {"running", "done"}).at("state"), "running");
  EXPECT_TRUE(s.server().shutdown(60));  // the running one finishes within the grace
  // The HTTP server has stopped: nothing answers any more; what was judged is in the database.
  EXPECT_FALSE(c->Get("/v1/health"));
  ResultStore store(tmp.path / "kbench.db");
  ASSERT_EQ(store.runs().size(), 1u);
  EXPECT_TRUE(store.runs()[0].finished_at);
  const auto attempts = store.attempts(store.runs()[0].id);
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].verdict.status, Status::timeout);
  (void)queued;
}

}  // namespace

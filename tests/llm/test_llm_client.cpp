// LlmClient against the fake server, for both provider formats: retries (429 + Retry-After, 500),
// malformed bodies, timeouts, refused connections, the key kept out of errors, options passed
// through, the cap on requests in flight and the reply cache.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "harness/llm/llm_client.hpp"
#include "tests/llm/fake_llm_server.hpp"

namespace kbench::llm {
namespace {

using testing::FakeLlmServer;
using testing::ScriptedResponse;

class MapCache : public ReplyCache {
 public:
  std::optional<Reply> find(const std::string& key) override {
    std::lock_guard lock(m_);
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  void store(const std::string& key, const std::string&, const Reply& reply) override {
    std::lock_guard lock(m_);
    map_[key] = reply;
  }
  std::size_t size() {
    std::lock_guard lock(m_);
    return map_.size();
  }

 private:
  std::mutex m_;
  std::map<std::string, Reply> map_;
};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

class ClientTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::string provider() const { return GetParam(); }
  std::string reply_body(const std::string& text, int in = 100, int out = 50) const {
    return provider() == "openai" ? testing::openai_reply(text, in, out) : testing::anthropic_reply(text, in, out);
  }
  ClientConfig config() const {
    ClientConfig c;
    c.provider = provider();
    c.base_url = server.base_url();
    c.api_key = {"KBENCH_TEST_KEY", "sk-test-SECRET-0123456789"};
    c.timeout_s = 5;
    c.retry.max_attempts = 3;
    c.retry.base_delay_s = 0.01;
    return c;
  }
  CompletionRequest request(const std::string& user = "write solve") const {
    CompletionRequest r;
    r.model = "fake-model";
    r.messages = {{"system", "you write kernels"}, {"user", user}};
    return r;
  }
  FakeLlmServer server;
};

TEST_P(ClientTest, RetriesAfter429HonouringRetryAfter) {
  server.push({429, R"({"error":"rate limited"})", {{"Retry-After", "1"}}, 0});
  server.push({200, reply_body("hello", 11, 7), {}, 0});
  LlmClient client(config());
  auto start = std::chrono::steady_clock::now();
  Reply r = client.complete(request());
  double elapsed = seconds_since(start);
  EXPECT_EQ(r.text, "hello");
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.usage.input_tokens, 11);
  EXPECT_EQ(r.usage.output_tokens, 7);
  EXPECT_GT(r.latency_s, 0.0);
  EXPECT_GE(elapsed, 1.0) << "Retry-After: 1 was not honoured";
  EXPECT_LT(elapsed, 3.0);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST_P(ClientTest, Retries500ThenSucceeds) {
  server.push({500, R"({"error":"boom"})", {}, 0});
  server.push({503, R"({"error":"overloaded"})", {}, 0});
  server.push({200, reply_body("third time"), {}, 0});
  LlmClient client(config());
  Reply r = client.complete(request());
  EXPECT_EQ(r.text, "third time");
  EXPECT_EQ(r.attempts, 3);
}

TEST_P(ClientTest, Persistent500GivesUpWithContext) {
  server.set_default({500, R"({"error":"still broken"})", {}, 0});
  LlmClient client(config());
  try {
    client.complete(request());
    FAIL() << "expected LlmError";
  } catch (const LlmError& e) {
    EXPECT_EQ(e.kind, LlmError::Kind::http);
    EXPECT_EQ(e.http_status, 500);
    EXPECT_EQ(e.attempts, 3);
    EXPECT_NE(std::string(e.what()).find("still broken"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST_P(ClientTest, ClientErrorIsNotRetried) {
  server.push({400, R"({"error":"bad request"})", {}, 0});
  LlmClient client(config());
  EXPECT_THROW(client.complete(request()), LlmError);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_P(ClientTest, MalformedBodyIsAProtocolError) {
  server.push({200, "this is {not json", {}, 0});
  server.push({200, R"({"unexpected":"shape"})", {}, 0});
  LlmClient client(config());
  for (int i = 0; i < 2; ++i) {
    try {
      client.complete(request());
      FAIL() << "expected LlmError";
    } catch (const LlmError& e) {
      EXPECT_EQ(e.kind, LlmError::Kind::protocol) << e.what();
      EXPECT_NE(std::string(e.what()).find(provider()), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST_P(ClientTest, SlowResponsePastTheTimeoutIsRetriedThenFails) {
  server.set_default({200, reply_body("too late"), {}, 1.0});
  auto c = config();
  c.timeout_s = 0.2;
  c.retry.max_attempts = 2;
  LlmClient client(c);
  auto start = std::chrono::steady_clock::now();
  try {
    client.complete(request());
    FAIL() << "expected LlmError";
  } catch (const LlmError& e) {
    EXPECT_EQ(e.kind, LlmError::Kind::timeout) << e.what();
    EXPECT_EQ(e.attempts, 2);
  }
  EXPECT_LT(seconds_since(start), 0.9);
}

TEST_P(ClientTest, SlowResponseWithinTheTimeoutSucceedsAfterATimeout) {
  server.push({200, reply_body("late"), {}, 1.0});
  server.push({200, reply_body("on time"), {}, 0});
  auto c = config();
  c.timeout_s = 0.3;
  LlmClient client(c);
  EXPECT_EQ(client.complete(request()).text, "on time");
}

TEST_P(ClientTest, RefusedConnectionIsRetriedThenFails) {
  auto c = config();
  c.base_url = "http://127.0.0.1:1/v1";  // nothing listens on port 1
  c.retry.max_attempts = 2;
  LlmClient client(c);
  try {
    client.complete(request());
    FAIL() << "expected LlmError";
  } catch (const LlmError& e) {
    EXPECT_EQ(e.kind, LlmError::Kind::connection) << e.what();
    EXPECT_EQ(e.attempts, 2);
  }
}

TEST_P(ClientTest, ApiKeyIsSentButNeverInErrors) {
  const std::string secret = config().api_key.value;
  server.push({401, nlohmann::json{{"error", "invalid key " + secret}}.dump(), {}, 0});
  LlmClient client(config());
  try {
    client.complete(request());
    FAIL() << "expected LlmError";
  } catch (const LlmError& e) {
    std::string what = e.what();
    EXPECT_EQ(what.find(secret), std::string::npos) << what;
    EXPECT_NE(what.find("[redacted]"), std::string::npos) << what;
  }
  auto got = server.requests().at(0).headers;
  if (provider() == "openai")
    EXPECT_EQ(got["Authorization"], "Bearer " + secret);
  else
    EXPECT_EQ(got["x-api-key"], secret);
}

TEST_P(ClientTest, OptionsArePassedThrough) {
  server.push({200, reply_body("ok"), {}, 0});
  LlmClient client(config());
  auto r = request();
  r.options.temperature = 0.25;
  r.options.max_tokens = 1234;
  r.options.extra = {{"top_p", 0.5}};
  client.complete(r);
  auto body = server.requests().at(0).body;
  EXPECT_EQ(body["model"], "fake-model");
  EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.25);
  EXPECT_EQ(body["max_tokens"], 1234);
  EXPECT_DOUBLE_EQ(body["top_p"].get<double>(), 0.5);
  if (provider() == "openai") {
    EXPECT_EQ(server.requests()[0].path, "/v1/chat/completions");
    ASSERT_EQ(body["messages"].size(), 2u);
    EXPECT_EQ(body["messages"][0]["role"], "system");
  } else {
    EXPECT_EQ(server.requests()[0].path, "/v1/messages");
    EXPECT_EQ(body["system"], "you write kernels");
    ASSERT_EQ(body["messages"].size(), 1u);
    EXPECT_EQ(body["messages"][0]["role"], "user");
    EXPECT_EQ(server.requests()[0].headers["anthropic-version"], "2023-06-01");
  }
}

TEST_P(ClientTest, CapsRequestsInFlight) {
  server.set_default({200, reply_body("ok"), {}, 0.2});
  auto c = config();
  c.max_concurrent = 2;
  LlmClient client(c);
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) threads.emplace_back([&] { client.complete(request()); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(server.requests().size(), 6u);
  EXPECT_EQ(server.max_in_flight(), 2);
}

TEST_P(ClientTest, CacheAnswersTheExactSameRequest) {
  server.set_default({200, reply_body("cached answer", 10, 20), {}, 0});
  MapCache cache;
  auto c = config();
  c.cache = &cache;
  LlmClient client(c);
  Reply first = client.complete(request());
  Reply second = client.complete(request());
  EXPECT_FALSE(first.cached);
  EXPECT_TRUE(second.cached);
  EXPECT_EQ(second.text, "cached answer");
  EXPECT_EQ(second.usage.output_tokens, 20);
  EXPECT_EQ(server.requests().size(), 1u);
  auto other_sample = request();
  other_sample.context.sample = 1;  // best-of-S samples must not share a cached reply
  EXPECT_FALSE(client.complete(other_sample).cached);
  EXPECT_FALSE(client.complete(request("a different prompt")).cached);
  EXPECT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(cache.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Providers, ClientTest, ::testing::Values("openai", "anthropic"));

TEST(ClientConfig, UnknownProviderIsAConfigError) {
  ClientConfig c;
  c.provider = "nope";
  EXPECT_THROW(LlmClient client(c), LlmError);
}

}  // namespace
}  // namespace kbench::llm

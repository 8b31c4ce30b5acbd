// A fake LLM server on loopback for the tests (cpp-httplib): answers OpenAI-compatible
// POST /v1/chat/completions and Anthropic POST /v1/messages from a script of canned responses,
// records every request it got, and counts requests in flight.
#pragma once
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace kbench::testing {

struct ScriptedResponse {
  int status = 200;
  std::string body;
  std::map<std::string, std::string> headers;
  double delay_s = 0;  // sleep before answering (a slow server)
};

struct ReceivedRequest {
  std::string path;
  nlohmann::json body;  // null when the body was not JSON
  std::map<std::string, std::string> headers;
};

inline std::string openai_reply(const std::string& text, int in = 100, int out = 50) {
  return nlohmann::json{{"id", "chatcmpl-fake"},
                        {"object", "chat.completion"},
                        {"model", "fake-model"},
                        {"choices", {{{"index", 0},
                                      {"message", {{"role", "assistant"}, {"content", text}}},
                                      {"finish_reason", "stop"}}}},
                        {"usage", {{"prompt_tokens", in}, {"completion_tokens", out}, {"total_tokens", in + out}}}}
      .dump();
}

inline std::string anthropic_reply(const std::string& text, int in = 100, int out = 50) {
  return nlohmann::json{{"id", "msg_fake"},
                        {"type", "message"},
                        {"role", "assistant"},
                        {"model", "fake-claude"},
                        {"content", {{{"type", "text"}, {"text", text}}}},
                        {"stop_reason", "end_turn"},
                        {"usage", {{"input_tokens", in}, {"output_tokens", out}}}}
      .dump();
}

class FakeLlmServer {
 public:
  FakeLlmServer() {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) { answer(req, res); };
    server_.Post("/v1/chat/completions", handler);
    server_.Post("/v1/messages", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeLlmServer() {
    server_.stop();
    thread_.join();
  }

  // Base URL for either provider ("http://127.0.0.1:PORT/v1").
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

  void push(ScriptedResponse r) {
    std::lock_guard lock(mutex_);
    script_.push_back(std::move(r));
  }
  // Every request answered with `r` once the script is used up.
  void set_default(ScriptedResponse r) {
    std::lock_guard lock(mutex_);
    default_ = std::move(r);
  }
  std::vector<ReceivedRequest> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  int max_in_flight() const { return max_in_flight_.load(); }

 private:
  void answer(const httplib::Request& req, httplib::Response& res) {
    int now = ++in_flight_;
    for (int seen = max_in_flight_.load(); now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
    }
    ScriptedResponse r;
    {
      std::lock_guard lock(mutex_);
      ReceivedRequest got{req.path, nlohmann::json::parse(req.body, nullptr, false), {}};
      for (const auto& [k, v] : req.headers) got.headers[k] = v;
      requests_.push_back(std::move(got));
      if (!script_.empty()) {
        r = std::move(script_.front());
        script_.pop_front();
      } else if (default_) {
        r = *default_;
      } else {
        r = {500, R"({"error":"fake server script exhausted"})", {}, 0};
      }
    }
    if (r.delay_s > 0) std::this_thread::sleep_for(std::chrono::duration<double>(r.delay_s));
    res.status = r.status;
    for (const auto& [k, v] : r.headers) res.set_header(k, v);
    res.set_content(r.body, "application/json");
    --in_flight_;
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::deque<ScriptedResponse> script_;
  std::optional<ScriptedResponse> default_;
  std::vector<ReceivedRequest> requests_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
};

}  // namespace kbench::testing

// The plain data an LLM conversation is made of (messages, a completion request, a reply) and the
// ChatModel interface the run loop talks to. Providers, retries, caching and replay hide behind it.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kbench::llm {

struct Message {
  std::string role;  // "system" | "user" | "assistant"
  std::string content;
};

// Options passed through to the provider; unset ones are left out of the request body.
struct CompletionOptions {
  std::optional<double> temperature;
  std::optional<int> max_tokens;
  std::optional<std::string> reasoning_effort;   // OpenAI-style "low" | "medium" | "high"
  nlohmann::json extra = nlohmann::json::object();  // merged verbatim into the request body
};

// Where a request belongs in a run. Never sent to the provider; the replay model and the cache use it.
struct RequestContext {
  std::string task_id;
  int sample = 0;
  int turn = 0;
};

struct CompletionRequest {
  std::string model;
  std::vector<Message> messages;
  CompletionOptions options;
  RequestContext context;
};

struct Usage {
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t reasoning_tokens = 0;  // included in output_tokens when the provider reports it
};

struct Reply {
  std::string text;
  Usage usage;
  std::string model;          // as reported by the provider
  std::string finish_reason;  // "stop", "length", "end_turn", ...
  double latency_s = 0;       // wall time of the successful HTTP exchange (0 when cached)
  int attempts = 0;           // HTTP tries made (0 when served from the cache or a replay)
  bool cached = false;
};

// Why a completion failed after every retry. `what()` never contains the API key.
struct LlmError : std::runtime_error {
  enum class Kind { config, http, timeout, connection, protocol, cancelled };
  LlmError(Kind kind, std::string message, int http_status = 0, int attempts = 0)
      : std::runtime_error(std::move(message)), kind(kind), http_status(http_status), attempts(attempts) {}
  Kind kind;
  int http_status;
  int attempts;
};

std::string_view kind_name(LlmError::Kind kind);

class ChatModel {
 public:
  virtual ~ChatModel() = default;
  // Thread-safe: the run loop calls it from several threads.
  virtual Reply complete(const CompletionRequest& request) = 0;
  // "openai:gpt-4o@https://api.openai.com/v1", "replay:prompts/replay/cpu.json": recorded with runs.
  virtual std::string describe() const = 0;
};

nlohmann::json to_json(const Message& m);
nlohmann::json to_json(const std::vector<Message>& messages);
std::vector<Message> messages_from_json(const nlohmann::json& j);
nlohmann::json to_json(const CompletionOptions& o);
CompletionOptions options_from_json(const nlohmann::json& j);
nlohmann::json to_json(const Reply& r);
Reply reply_from_json(const nlohmann::json& j);

}  // namespace kbench::llm

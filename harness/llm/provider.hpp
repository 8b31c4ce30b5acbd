// A provider adapter turns a CompletionRequest into one HTTP request for its API and parses the reply.
// Adapters hold no state and do no I/O: retries, caching and concurrency live once in LlmClient.
#pragma once
#include <memory>
#include <string>

#include "harness/llm/chat.hpp"
#include "harness/llm/http_transport.hpp"

namespace kbench::llm {

// A reply body that is not what the API promises (not JSON, missing fields).
struct ProtocolError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual std::string name() const = 0;                 // "openai" | "anthropic"
  virtual std::string default_base_url() const = 0;
  virtual std::string default_api_key_env() const = 0;  // "OPENAI_API_KEY"
  // The JSON body for `request` (no secrets in it: it is stored and hashed for the cache).
  virtual nlohmann::json body(const CompletionRequest& request) const = 0;
  // URL and headers (the API key goes only into a header here) around `body`.
  virtual HttpRequest http_request(const std::string& base_url, const nlohmann::json& body,
                                   const std::string& api_key) const = 0;
  // Parses a 2xx body; throws ProtocolError with a snippet of the body when malformed.
  virtual Reply parse(const std::string& response_body) const = 0;
};

// "openai" (any OpenAI-compatible chat-completions endpoint) or "anthropic" (Messages API);
// throws std::invalid_argument naming the known providers.
std::unique_ptr<Provider> make_provider(const std::string& name);

// Parses JSON or throws ProtocolError quoting the start of `body`.
nlohmann::json parse_json_body(const std::string& body, const std::string& provider);

}  // namespace kbench::llm

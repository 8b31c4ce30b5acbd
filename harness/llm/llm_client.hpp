// LlmClient: a ChatModel over HTTP. One provider adapter, and around it, once for every provider:
// retries with backoff (retry_policy), a request timeout, a cap on requests in flight, the reply
// cache keyed by the exact request, and the API key kept out of every message.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <random>
#include <semaphore>

#include "harness/llm/api_key.hpp"
#include "harness/llm/chat.hpp"
#include "harness/llm/http_transport.hpp"
#include "harness/llm/provider.hpp"
#include "harness/llm/reply_cache.hpp"
#include "harness/llm/retry_policy.hpp"

namespace kbench::llm {

struct ClientConfig {
  std::string provider = "openai";
  std::string base_url;            // empty: the provider's default
  ApiKey api_key;
  double timeout_s = 600;          // per HTTP try
  int max_concurrent = 4;          // requests in flight at once (--jobs)
  RetryPolicy retry;
  ReplyCache* cache = nullptr;     // optional, not owned
  const std::atomic<bool>* cancel = nullptr;  // optional: abort waits and transfers when set
};

class LlmClient : public ChatModel {
 public:
  // `transport` defaults to libcurl. Throws LlmError(config) for an unknown provider.
  explicit LlmClient(ClientConfig config, std::unique_ptr<HttpTransport> transport = nullptr);

  Reply complete(const CompletionRequest& request) override;
  std::string describe() const override;
  // The cache key of `request`: hash of provider, endpoint, body and sample index (so best-of-S
  // samples of one prompt stay independent).
  std::string cache_key(const CompletionRequest& request) const;

 private:
  Reply send_with_retries(const CompletionRequest& request, const nlohmann::json& body);
  void sleep_unless_cancelled(double seconds);

  ClientConfig config_;
  std::unique_ptr<Provider> provider_;
  std::unique_ptr<HttpTransport> transport_;
  std::counting_semaphore<1024> in_flight_;
  std::mutex rng_mutex_;
  std::mt19937_64 rng_;
};

}  // namespace kbench::llm

// LlmClient: cache lookup, then HTTP tries with backoff until a reply, a non-retryable error,
// or the last try; every error message is passed through redact() first.
#include "harness/llm/llm_client.hpp"

#include "core/util/hash.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace kbench::llm {

LlmClient::LlmClient(ClientConfig config, std::unique_ptr<HttpTransport> transport)
    : config_(std::move(config)),
      transport_(transport ? std::move(transport) : std::make_unique<CurlTransport>()),
      in_flight_(std::clamp(config_.max_concurrent, 1, 1024)),
      rng_(std::random_device{}()) {
  try {
    provider_ = make_provider(config_.provider);
  } catch (const std::invalid_argument& e) {
    throw LlmError(LlmError::Kind::config, e.what());
  }
  if (config_.base_url.empty()) config_.base_url = provider_->default_base_url();
}

std::string LlmClient::describe() const { return fmt::format("{}@{}", provider_->name(), config_.base_url); }

std::string LlmClient::cache_key(const CompletionRequest& request) const {
  nlohmann::json key = {{"provider", provider_->name()},
                        {"url", provider_->http_request(config_.base_url, {}, "").url},
                        {"body", provider_->body(request)},
                        {"sample", request.context.sample}};
  return sha256_hex(key.dump());
}

Reply LlmClient::complete(const CompletionRequest& request) {
  nlohmann::json body = provider_->body(request);
  std::string key;
  if (config_.cache) {
    key = cache_key(request);
    if (auto hit = config_.cache->find(key)) {
      hit->cached = true;
      hit->attempts = 0;
      hit->latency_s = 0;
      return *hit;
    }
  }
  in_flight_.acquire();
  Reply reply;
  try {
    reply = send_with_retries(request, body);
  } catch (...) {
    in_flight_.release();
    throw;
  }
  in_flight_.release();
  if (config_.cache) config_.cache->store(key, body.dump(), reply);
  return reply;
}

Reply LlmClient::send_with_retries(const CompletionRequest& request, const nlohmann::json& body) {
  const std::string& secret = config_.api_key.value;
  HttpRequest http = provider_->http_request(config_.base_url, body, secret);
  const int max_attempts = std::max(1, config_.retry.max_attempts);
  std::string last_error;
  LlmError::Kind last_kind = LlmError::Kind::connection;
  long last_status = 0;
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    if (config_.cancel && config_.cancel->load())
      throw LlmError(LlmError::Kind::cancelled, "cancelled", 0, attempt - 1);
    std::optional<double> retry_after;
    try {
      HttpResponse response = transport_->post(http, config_.timeout_s, config_.cancel);
      if (response.status >= 200 && response.status < 300) {
        try {
          Reply reply = provider_->parse(response.body);
          reply.latency_s = response.seconds;
          reply.attempts = attempt;
          return reply;
        } catch (const ProtocolError& e) {
          throw LlmError(LlmError::Kind::protocol,
                         redact(fmt::format("{} (model {}, HTTP {})", e.what(), request.model, response.status), secret),
                         static_cast<int>(response.status), attempt);
        }
      }
      last_status = response.status;
      last_kind = LlmError::Kind::http;
      last_error = redact(fmt::format("{}: HTTP {} from {}: {:.500}", provider_->name(), response.status, http.url,
                                      response.body),
                          secret);
      if (!is_retryable_status(response.status))
        throw LlmError(LlmError::Kind::http, last_error, static_cast<int>(response.status), attempt);
      retry_after = retry_after_seconds(response.headers);
    } catch (const TransportError& e) {
      if (e.kind == TransportError::Kind::cancelled)
        throw LlmError(LlmError::Kind::cancelled, redact(e.what(), secret), 0, attempt);
      last_status = 0;
      last_kind = e.kind == TransportError::Kind::timeout ? LlmError::Kind::timeout : LlmError::Kind::connection;
      last_error = redact(fmt::format("{}: {}", provider_->name(), e.what()), secret);
    }
    if (attempt < max_attempts) {
      double delay;
      {
        std::lock_guard lock(rng_mutex_);
        delay = retry_delay_s(config_.retry, attempt + 1, retry_after, rng_);
      }
      sleep_unless_cancelled(delay);
    }
  }
  throw LlmError(last_kind, fmt::format("{} (gave up after {} tries)", last_error, max_attempts),
                 static_cast<int>(last_status), max_attempts);
}

void LlmClient::sleep_unless_cancelled(double seconds) {
  using namespace std::chrono;
  const auto until = steady_clock::now() + duration_cast<steady_clock::duration>(duration<double>(seconds));
  for (auto now = steady_clock::now(); now < until; now = steady_clock::now()) {
    if (config_.cancel && config_.cancel->load()) throw LlmError(LlmError::Kind::cancelled, "cancelled");
    std::this_thread::sleep_for(std::min<steady_clock::duration>(milliseconds(50), until - now));
  }
}

}  // namespace kbench::llm

// Backoff arithmetic and Retry-After parsing for LlmClient.
#include "harness/llm/retry_policy.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <ctime>

namespace kbench::llm {

bool is_retryable_status(long s) { return s == 408 || s == 409 || s == 429 || (s >= 500 && s <= 599); }

std::optional<double> retry_after_seconds(const std::map<std::string, std::string>& headers) {
  if (auto it = headers.find("retry-after-ms"); it != headers.end()) {
    try {
      return std::max(0.0, std::stod(it->second) / 1000.0);
    } catch (const std::exception&) {
    }
  }
  auto it = headers.find("retry-after");
  if (it == headers.end() || it->second.empty()) return std::nullopt;
  const std::string& v = it->second;
  if (std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; })) {
    try {
      return std::stod(v);
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  time_t when = curl_getdate(v.c_str(), nullptr);  // HTTP-date form
  if (when < 0) return std::nullopt;
  return std::max(0.0, std::difftime(when, std::time(nullptr)));
}

double retry_delay_s(const RetryPolicy& policy, int next_attempt, std::optional<double> retry_after,
                     std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  if (retry_after) {
    double wait = std::min(*retry_after, policy.max_retry_after_s);
    return wait * (1.0 + 0.1 * unit(rng));
  }
  double backoff = std::min(policy.max_delay_s, policy.base_delay_s * std::pow(2.0, std::max(0, next_attempt - 2)));
  return backoff * (0.5 + 0.5 * unit(rng));
}

}  // namespace kbench::llm

// When and how long to wait before retrying an LLM request: exponential backoff with jitter on
// 429, 5xx, timeouts and dropped connections, or exactly what the server's Retry-After asks for.
#pragma once
#include <map>
#include <optional>
#include <random>
#include <string>

namespace kbench::llm {

struct RetryPolicy {
  int max_attempts = 6;          // tries in all, the first included
  double base_delay_s = 1.0;     // before the second try; doubles each time
  double max_delay_s = 60.0;     // backoff cap
  double max_retry_after_s = 300.0;  // a longer Retry-After is clamped to this
};

bool is_retryable_status(long http_status);  // 408, 409, 429, 5xx

// Seconds the server asks to wait: "retry-after-ms", or "retry-after" in seconds or as an HTTP date.
std::optional<double> retry_after_seconds(const std::map<std::string, std::string>& headers);

// Delay before try number `next_attempt` (2 for the first retry). With `retry_after`, the server's
// value plus up to 10 % jitter; else min(max, base * 2^(n-2)) scaled by a uniform factor in [0.5, 1].
double retry_delay_s(const RetryPolicy& policy, int next_attempt, std::optional<double> retry_after,
                     std::mt19937_64& rng);

}  // namespace kbench::llm

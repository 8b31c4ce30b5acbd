// The API key: read from one environment variable at start-up, held in memory only, and scrubbed
// from any text (server error bodies included) before that text reaches a message, log or database.
#pragma once
#include <string>

namespace kbench::llm {

struct ApiKey {
  std::string env_name;  // recorded with the run; the value never is
  std::string value;     // empty when the variable is unset or empty
};

// Reads `env_name`; empty value when unset.
ApiKey api_key_from_env(const std::string& env_name);

// `text` with every occurrence of `secret` (when at least 4 characters) replaced by "[redacted]".
std::string redact(std::string text, const std::string& secret);

}  // namespace kbench::llm

// Environment lookup and redaction of the API key.
#include "harness/llm/api_key.hpp"

#include <cstdlib>

namespace kbench::llm {

ApiKey api_key_from_env(const std::string& env_name) {
  ApiKey key{env_name, ""};
  if (const char* v = std::getenv(env_name.c_str())) key.value = v;
  return key;
}

std::string redact(std::string text, const std::string& secret) {
  if (secret.size() < 4) return text;
  static const std::string kMask = "[redacted]";
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + kMask.size()))
    text.replace(pos, secret.size(), kMask);
  return text;
}

}  // namespace kbench::llm

// Provider lookup by name and the shared JSON body check.
#include "harness/llm/provider.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace kbench::llm {

std::unique_ptr<Provider> make_openai_provider();
std::unique_ptr<Provider> make_anthropic_provider();

std::unique_ptr<Provider> make_provider(const std::string& name) {
  if (name == "openai") return make_openai_provider();
  if (name == "anthropic") return make_anthropic_provider();
  throw std::invalid_argument(fmt::format("unknown provider '{}' (known: openai, anthropic)", name));
}

nlohmann::json parse_json_body(const std::string& body, const std::string& provider) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    throw ProtocolError(fmt::format("{}: response body is not a JSON object: {:.200}", provider, body));
  return j;
}

}  // namespace kbench::llm

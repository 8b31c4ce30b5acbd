// Adapter for Anthropic's Messages API: POST {base_url}/v1/messages with x-api-key and anthropic-version;
// system messages go to the top-level "system" field; text is the concatenation of the "text" blocks.
#include <fmt/format.h>

#include "harness/llm/provider.hpp"

namespace kbench::llm {
namespace {

constexpr int kDefaultMaxTokens = 8192;  // the Messages API requires max_tokens

class AnthropicProvider : public Provider {
 public:
  std::string name() const override { return "anthropic"; }
  std::string default_base_url() const override { return "https://api.anthropic.com"; }
  std::string default_api_key_env() const override { return "ANTHROPIC_API_KEY"; }

  nlohmann::json body(const CompletionRequest& request) const override {
    std::string system;
    nlohmann::json messages = nlohmann::json::array();
    for (const auto& m : request.messages) {
      if (m.role == "system")
        system += (system.empty() ? "" : "\n\n") + m.content;
      else
        messages.push_back(to_json(m));
    }
    const auto& o = request.options;
    nlohmann::json j = {{"model", request.model},
                        {"max_tokens", o.max_tokens.value_or(kDefaultMaxTokens)},
                        {"messages", messages}};
    if (!system.empty()) j["system"] = system;
    if (o.temperature) j["temperature"] = *o.temperature;
    for (const auto& [key, value] : o.extra.items()) j[key] = value;  // e.g. "thinking": {...}
    return j;
  }

  HttpRequest http_request(const std::string& base_url, const nlohmann::json& body,
                           const std::string& api_key) const override {
    HttpRequest r;
    std::string base = base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    r.url = base + (base.ends_with("/v1") ? "/messages" : "/v1/messages");
    r.headers = {"Content-Type: application/json", "Accept: application/json", "anthropic-version: 2023-06-01"};
    if (!api_key.empty()) r.headers.push_back("x-api-key: " + api_key);
    r.body = body.dump();
    return r;
  }

  Reply parse(const std::string& response_body) const override {
    auto j = parse_json_body(response_body, name());
    Reply r;
    try {
      for (const auto& block : j.at("content"))
        if (block.value("type", "") == "text") r.text += block.at("text").get<std::string>();
      r.model = j.value("model", "");
      if (j.contains("stop_reason") && j["stop_reason"].is_string()) r.finish_reason = j["stop_reason"];
      if (j.contains("usage") && j["usage"].is_object()) {
        r.usage.input_tokens = j["usage"].value("input_tokens", std::int64_t{0});
        r.usage.output_tokens = j["usage"].value("output_tokens", std::int64_t{0});
      }
    } catch (const nlohmann::json::exception& e) {
      throw ProtocolError(
          fmt::format("anthropic: unexpected response shape ({}): {:.200}", e.what(), response_body));
    }
    return r;
  }
};

}  // namespace

std::unique_ptr<Provider> make_anthropic_provider() { return std::make_unique<AnthropicProvider>(); }

}  // namespace kbench::llm

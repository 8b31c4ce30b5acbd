// Adapter for OpenAI-compatible chat completions (OpenAI, vLLM, SGLang, llama.cpp, Ollama, OpenRouter...):
// POST {base_url}/chat/completions with a Bearer key; text from choices[0].message.content.
#include <fmt/format.h>

#include "harness/llm/provider.hpp"

namespace kbench::llm {
namespace {

class OpenAiProvider : public Provider {
 public:
  std::string name() const override { return "openai"; }
  std::string default_base_url() const override { return "https://api.openai.com/v1"; }
  std::string default_api_key_env() const override { return "OPENAI_API_KEY"; }

  nlohmann::json body(const CompletionRequest& request) const override {
    nlohmann::json j = {{"model", request.model}, {"messages", to_json(request.messages)}};
    const auto& o = request.options;
    if (o.temperature) j["temperature"] = *o.temperature;
    if (o.max_tokens) j["max_tokens"] = *o.max_tokens;
    if (o.reasoning_effort) j["reasoning_effort"] = *o.reasoning_effort;
    for (const auto& [key, value] : o.extra.items()) j[key] = value;
    return j;
  }

  HttpRequest http_request(const std::string& base_url, const nlohmann::json& body,
                           const std::string& api_key) const override {
    HttpRequest r;
    std::string base = base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    r.url = base + "/chat/completions";
    r.headers = {"Content-Type: application/json", "Accept: application/json"};
    if (!api_key.empty()) r.headers.push_back("Authorization: Bearer " + api_key);
    r.body = body.dump();
    return r;
  }

  Reply parse(const std::string& response_body) const override {
    auto j = parse_json_body(response_body, name());
    Reply r;
    try {
      const auto& choice = j.at("choices").at(0);
      const auto& content = choice.at("message").at("content");
      r.text = content.is_null() ? "" : content.get<std::string>();
      if (choice.contains("finish_reason") && choice["finish_reason"].is_string())
        r.finish_reason = choice["finish_reason"].get<std::string>();
      r.model = j.value("model", "");
      if (j.contains("usage") && j["usage"].is_object()) {
        const auto& u = j["usage"];
        r.usage.input_tokens = u.value("prompt_tokens", std::int64_t{0});
        r.usage.output_tokens = u.value("completion_tokens", std::int64_t{0});
        if (u.contains("completion_tokens_details") && u["completion_tokens_details"].is_object())
          r.usage.reasoning_tokens = u["completion_tokens_details"].value("reasoning_tokens", std::int64_t{0});
      }
    } catch (const nlohmann::json::exception& e) {
      throw ProtocolError(fmt::format("openai: unexpected response shape ({}): {:.200}", e.what(), response_body));
    }
    return r;
  }
};

}  // namespace

std::unique_ptr<Provider> make_openai_provider() { return std::make_unique<OpenAiProvider>(); }

}  // namespace kbench::llm

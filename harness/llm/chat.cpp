// JSON conversions of the chat data types (stored in the database and the response cache).
#include "harness/llm/chat.hpp"

namespace kbench::llm {

std::string_view kind_name(LlmError::Kind kind) {
  switch (kind) {
    case LlmError::Kind::config: return "config";
    case LlmError::Kind::http: return "http";
    case LlmError::Kind::timeout: return "timeout";
    case LlmError::Kind::connection: return "connection";
    case LlmError::Kind::protocol: return "protocol";
    case LlmError::Kind::cancelled: return "cancelled";
  }
  return "unknown";
}

nlohmann::json to_json(const Message& m) { return {{"role", m.role}, {"content", m.content}}; }

nlohmann::json to_json(const std::vector<Message>& messages) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& m : messages) j.push_back(to_json(m));
  return j;
}

std::vector<Message> messages_from_json(const nlohmann::json& j) {
  std::vector<Message> out;
  for (const auto& m : j) out.push_back({m.at("role").get<std::string>(), m.at("content").get<std::string>()});
  return out;
}

nlohmann::json to_json(const CompletionOptions& o) {
  nlohmann::json j = nlohmann::json::object();
  if (o.temperature) j["temperature"] = *o.temperature;
  if (o.max_tokens) j["max_tokens"] = *o.max_tokens;
  if (o.reasoning_effort) j["reasoning_effort"] = *o.reasoning_effort;
  if (!o.extra.empty()) j["extra"] = o.extra;
  return j;
}

CompletionOptions options_from_json(const nlohmann::json& j) {
  CompletionOptions o;
  if (j.contains("temperature")) o.temperature = j["temperature"].get<double>();
  if (j.contains("max_tokens")) o.max_tokens = j["max_tokens"].get<int>();
  if (j.contains("reasoning_effort")) o.reasoning_effort = j["reasoning_effort"].get<std::string>();
  if (j.contains("extra")) o.extra = j["extra"];
  return o;
}

nlohmann::json to_json(const Reply& r) {
  return {{"text", r.text},
          {"model", r.model},
          {"finish_reason", r.finish_reason},
          {"usage",
           {{"input_tokens", r.usage.input_tokens},
            {"output_tokens", r.usage.output_tokens},
            {"reasoning_tokens", r.usage.reasoning_tokens}}},
          {"latency_s", r.latency_s},
          {"attempts", r.attempts}};
}

Reply reply_from_json(const nlohmann::json& j) {
  Reply r;
  r.text = j.at("text").get<std::string>();
  r.model = j.value("model", "");
  r.finish_reason = j.value("finish_reason", "");
  if (j.contains("usage")) {
    const auto& u = j["usage"];
    r.usage.input_tokens = u.value("input_tokens", std::int64_t{0});
    r.usage.output_tokens = u.value("output_tokens", std::int64_t{0});
    r.usage.reasoning_tokens = u.value("reasoning_tokens", std::int64_t{0});
  }
  r.latency_s = j.value("latency_s", 0.0);
  r.attempts = j.value("attempts", 0);
  return r;
}

}  // namespace kbench::llm

// Construction of the run's ChatModel from the command-line choice.
#include "harness/run/model_factory.hpp"

#include <fmt/format.h>

#include "harness/llm/replay_model.hpp"
#include "harness/run/sqlite_reply_cache.hpp"

namespace kbench::llm {

bool is_replay(const std::string& model) { return model == "replay" || model.rfind("replay:", 0) == 0; }

std::filesystem::path replay_file(const std::string& model, const std::filesystem::path& root, const std::string& backend) {
  if (model == "replay") return root / "prompts" / "replay" / (backend + ".json");
  return model.substr(7);
}

ModelHandle make_chat_model(const ModelChoice& choice, const std::filesystem::path& root, const std::string& backend,
                            const std::atomic<bool>* cancel) {
  ModelHandle h;
  if (is_replay(choice.model)) {
    auto file = replay_file(choice.model, root, backend);
    h.model = std::make_unique<ReplayModel>(file);
    h.provider = "replay";
    h.endpoint = file.string();
    return h;
  }
  auto provider = make_provider(choice.provider);
  h.provider = provider->name();
  h.endpoint = choice.base_url.empty() ? provider->default_base_url() : choice.base_url;
  h.api_key_env = choice.api_key_env.empty() ? provider->default_api_key_env() : choice.api_key_env;
  ClientConfig config;
  config.provider = h.provider;
  config.base_url = h.endpoint;
  config.api_key = api_key_from_env(h.api_key_env);
  // Local servers (vLLM, llama.cpp, Ollama) behind --base-url often need no key; the hosted defaults do.
  if (config.api_key.value.empty() && choice.base_url.empty())
    throw LlmError(LlmError::Kind::config,
                   fmt::format("{} needs an API key: set {} (or name another variable with --api-key-env)", h.endpoint,
                               h.api_key_env));
  config.timeout_s = choice.timeout_s;
  config.max_concurrent = choice.jobs;
  config.retry.max_attempts = choice.max_attempts;
  config.cancel = cancel;
  if (choice.use_cache && !choice.db_path.empty()) {
    h.cache = std::make_unique<SqliteReplyCache>(choice.db_path);
    config.cache = h.cache.get();
  }
  h.model = std::make_unique<LlmClient>(config);
  return h;
}

}  // namespace kbench::llm

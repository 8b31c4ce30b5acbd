// Turns the command line's model choice into a ChatModel: `replay` (or `replay:FILE`) for the recorded
// session shipped in prompts/replay/, else an LlmClient for the chosen provider, base URL and key variable.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "harness/llm/llm_client.hpp"
#include "harness/run/run_loop.hpp"

namespace kbench::llm {

struct ModelChoice {
  std::string model = "replay";   // "replay", "replay:FILE", or the provider's model name
  std::string provider = "openai";
  std::string base_url;            // empty: the provider's default
  std::string api_key_env;         // empty: the provider's default variable
  double timeout_s = 600;
  int max_attempts = 6;
  int jobs = 4;
  bool use_cache = true;
  std::string db_path;             // the results database holding the response cache
};

struct ModelHandle {
  std::unique_ptr<ReplyCache> cache;  // declared first: destroyed after the model that uses it
  std::unique_ptr<ChatModel> model;
  std::string provider, endpoint, api_key_env;  // recorded in the run's settings
};

bool is_replay(const std::string& model);
// prompts/replay/<backend>.json for "replay", FILE for "replay:FILE".
std::filesystem::path replay_file(const std::string& model, const std::filesystem::path& root, const std::string& backend);

// Throws LlmError(config) when the key a hosted provider needs is missing (message names the variable).
ModelHandle make_chat_model(const ModelChoice& choice, const std::filesystem::path& root, const std::string& backend,
                            const std::atomic<bool>* cancel);

}  // namespace kbench::llm

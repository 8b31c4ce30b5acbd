// Where LlmClient keeps replies by the exact request, so a re-run makes no API calls. The SQLite
// implementation is harness/run/sqlite_reply_cache over results/store's ResponseCacheTable (which holds its
// SQL); tests may use a map.
#pragma once
#include <optional>
#include <string>

#include "harness/llm/chat.hpp"

namespace kbench::llm {

class ReplyCache {
 public:
  virtual ~ReplyCache() = default;
  // Both are called from several threads.
  virtual std::optional<Reply> find(const std::string& key) = 0;
  virtual void store(const std::string& key, const std::string& request_json, const Reply& reply) = 0;
};

}  // namespace kbench::llm

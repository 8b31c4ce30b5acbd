// SqliteReplyCache: Reply <-> JSON around the response_cache table.
#include "harness/run/sqlite_reply_cache.hpp"

namespace kbench::llm {

std::optional<Reply> SqliteReplyCache::find(const std::string& key) {
  auto json = table_.find(key);
  if (!json) return std::nullopt;
  return reply_from_json(nlohmann::json::parse(*json));
}

void SqliteReplyCache::store(const std::string& key, const std::string& request_json, const Reply& reply) {
  table_.store(key, request_json, to_json(reply).dump());
}

}  // namespace kbench::llm

// The reply cache kept in the results database (response_cache table), for LlmClient.
#pragma once
#include <string>

#include "harness/llm/reply_cache.hpp"
#include "results/store/llm_store.hpp"

namespace kbench::llm {

class SqliteReplyCache : public ReplyCache {
 public:
  // `db_path` must already be migrated (open a ResultStore on it first).
  explicit SqliteReplyCache(const std::string& db_path) : table_(db_path) {}
  std::optional<Reply> find(const std::string& key) override;
  void store(const std::string& key, const std::string& request_json, const Reply& reply) override;

 private:
  ResponseCacheTable table_;
};

}  // namespace kbench::llm

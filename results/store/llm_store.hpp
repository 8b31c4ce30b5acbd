// LlmStore: the LLM loop's rows in the results database (migration 2): llm_calls, turns and the
// response cache. Plain records in, plain records out; no dependency on the LLM client.
#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/verdict/verdict.hpp"
#include "results/store/sqlite.hpp"

namespace kbench {

class ResultStore;

struct LlmCallRecord {
  std::int64_t id = 0;
  std::optional<std::string> run_id, task_id;
  std::optional<int> sample, turn;
  std::string provider, model, endpoint;
  std::string request_json;                  // never holds the API key
  std::optional<std::string> response_text;  // nullopt when the call failed
  std::string status = "ok";                 // ok | error
  std::optional<std::string> error_kind, error;
  std::optional<int> http_status;
  int attempts = 0;
  bool cached = false;
  std::int64_t input_tokens = 0, output_tokens = 0, reasoning_tokens = 0;
  std::optional<double> latency_s;
  std::string finish_reason, reply_model;
  std::string created_at;
};

struct TurnRecord {
  std::int64_t id = 0;
  std::string run_id, task_id, backend;
  int sample = 0, turn = 0;
  std::int64_t llm_call_id = 0;
  std::optional<std::string> extracted_source;
  std::int64_t attempt_id = 0;
  Status status = Status::runtime_error;  // the verdict's (stored as its name)
  std::string feedback;
  std::string created_at;
};

// A turn whose candidate was being judged when kbench last stopped (migration 3).
struct TurnInFlight {
  std::string run_id, task_id;
  int sample = 0, turn = 0;
  std::int64_t llm_call_id = 0;
  std::string source;
  int tries = 0;
};

class LlmStore {
 public:
  // `db` must be migrated (ResultStore does it) and outlive the store.
  explicit LlmStore(sql::Database& db) : db_(db) {}
  // Writes through `store`, so that a call or turn the database refuses for now is kept in its journal
  // (with a placeholder id, store.hpp) like the verdict it belongs to.
  explicit LlmStore(ResultStore& store);

  std::int64_t add_call(LlmCallRecord call);
  std::int64_t add_turn(TurnRecord turn);
  std::vector<LlmCallRecord> calls(const std::string& run_id) const;  // in id order
  std::optional<LlmCallRecord> call(std::int64_t id) const;
  std::vector<TurnRecord> turns(const std::string& run_id) const;     // by task, sample, turn

  // Marks a turn's candidate as being judged (tries counts up when the same turn is marked again);
  // done_in_flight removes the mark once the turn is stored or the evaluation ended without a verdict.
  void begin_in_flight(const TurnInFlight& t);
  void done_in_flight(const std::string& run_id, const std::string& task_id, int sample, int turn);
  std::vector<TurnInFlight> in_flight(const std::string& run_id) const;

 private:
  std::int64_t write(const std::string& table, const nlohmann::json& row, const std::string& what);

  sql::Database& db_;
  ResultStore* through_ = nullptr;
};

// The response cache table behind its own connection (safe to use from several threads at once).
class ResponseCacheTable {
 public:
  // Opens `db_path`, which must already be migrated.
  explicit ResponseCacheTable(const std::string& db_path);
  std::optional<std::string> find(const std::string& key);  // reply JSON; counts a hit
  void store(const std::string& key, const std::string& request_json, const std::string& reply_json);
  std::int64_t size();

 private:
  std::mutex mutex_;
  sql::Database db_;
};

}  // namespace kbench

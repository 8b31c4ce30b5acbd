// SQL for the LLM loop's tables (llm_calls, turns, response_cache).
#include "results/store/llm_store.hpp"

#include "results/store/store.hpp"

namespace kbench {
namespace {

template <class T>
std::optional<std::int64_t> opt_int(const std::optional<T>& v) {
  return v ? std::optional<std::int64_t>(*v) : std::nullopt;
}

constexpr const char* kCallColumns =
    "id, run_id, task_id, sample, turn, provider, model, endpoint, request_json, response_text, status, error_kind, "
    "error, http_status, attempts, cached, input_tokens, output_tokens, reasoning_tokens, latency_s, finish_reason, "
    "reply_model, created_at";

LlmCallRecord read_call(const sql::Statement& s) {
  LlmCallRecord c;
  c.id = s.column_int(0);
  c.run_id = s.column_opt_text(1);
  c.task_id = s.column_opt_text(2);
  if (!s.is_null(3)) c.sample = static_cast<int>(s.column_int(3));
  if (!s.is_null(4)) c.turn = static_cast<int>(s.column_int(4));
  c.provider = s.column_text(5);
  c.model = s.column_text(6);
  c.endpoint = s.column_text(7);
  c.request_json = s.column_text(8);
  c.response_text = s.column_opt_text(9);
  c.status = s.column_text(10);
  c.error_kind = s.column_opt_text(11);
  c.error = s.column_opt_text(12);
  if (!s.is_null(13)) c.http_status = static_cast<int>(s.column_int(13));
  c.attempts = static_cast<int>(s.column_int(14));
  c.cached = s.column_int(15) != 0;
  c.input_tokens = s.column_int(16);
  c.output_tokens = s.column_int(17);
  c.reasoning_tokens = s.column_int(18);
  c.latency_s = s.column_opt_double(19);
  c.finish_reason = s.column_opt_text(20).value_or("");
  c.reply_model = s.column_opt_text(21).value_or("");
  c.created_at = s.column_text(22);
  return c;
}

}  // namespace

std::int64_t LlmStore::add_call(LlmCallRecord c) {
  if (c.created_at.empty()) c.created_at = utc_now_iso();
  sql::Transaction tx(db_);
  auto st = db_.prepare(
      "INSERT INTO llm_calls(run_id, task_id, sample, turn, provider, model, endpoint, request_json, response_text, "
      "status, error_kind, error, http_status, attempts, cached, input_tokens, output_tokens, reasoning_tokens, "
      "latency_s, finish_reason, reply_model, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, c.run_id).bind(2, c.task_id).bind(3, opt_int(c.sample)).bind(4, opt_int(c.turn));
  st.bind(5, c.provider).bind(6, c.model).bind(7, c.endpoint).bind(8, c.request_json).bind(9, c.response_text);
  st.bind(10, c.status).bind(11, c.error_kind).bind(12, c.error).bind(13, opt_int(c.http_status));
  st.bind(14, c.attempts).bind(15, c.cached ? 1 : 0).bind(16, c.input_tokens).bind(17, c.output_tokens);
  st.bind(18, c.reasoning_tokens).bind(19, c.latency_s).bind(20, c.finish_reason).bind(21, c.reply_model);
  st.bind(22, c.created_at);
  st.run();
  const std::int64_t id = db_.last_insert_id();
  tx.commit();
  return id;
}

std::int64_t LlmStore::add_turn(TurnRecord t) {
  if (t.created_at.empty()) t.created_at = utc_now_iso();
  sql::Transaction tx(db_);
  db_.prepare("INSERT INTO turns(run_id, task_id, backend, sample, turn, llm_call_id, extracted_source, attempt_id, "
              "status, feedback, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, t.run_id).bind(2, t.task_id).bind(3, t.backend).bind(4, t.sample).bind(5, t.turn)
      .bind(6, t.llm_call_id).bind(7, t.extracted_source).bind(8, t.attempt_id).bind(9, std::string(status_name(t.status)))
      .bind(10, t.feedback).bind(11, t.created_at)
      .run();
  const std::int64_t id = db_.last_insert_id();
  tx.commit();
  return id;
}

std::vector<LlmCallRecord> LlmStore::calls(const std::string& run_id) const {
  std::vector<LlmCallRecord> out;
  auto s = db_.prepare(std::string("SELECT ") + kCallColumns + " FROM llm_calls WHERE run_id = ? ORDER BY id");
  s.bind(1, run_id);
  while (s.step()) out.push_back(read_call(s));
  return out;
}

std::optional<LlmCallRecord> LlmStore::call(std::int64_t id) const {
  auto s = db_.prepare(std::string("SELECT ") + kCallColumns + " FROM llm_calls WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_call(s);
}

std::vector<TurnRecord> LlmStore::turns(const std::string& run_id) const {
  std::vector<TurnRecord> out;
  auto s = db_.prepare(
      "SELECT id, run_id, task_id, backend, sample, turn, llm_call_id, extracted_source, attempt_id, status, feedback, "
      "created_at FROM turns WHERE run_id = ? ORDER BY task_id, sample, turn");
  s.bind(1, run_id);
  while (s.step()) {
    TurnRecord t;
    t.id = s.column_int(0);
    t.run_id = s.column_text(1);
    t.task_id = s.column_text(2);
    t.backend = s.column_text(3);
    t.sample = static_cast<int>(s.column_int(4));
    t.turn = static_cast<int>(s.column_int(5));
    t.llm_call_id = s.column_int(6);
    t.extracted_source = s.column_opt_text(7);
    t.attempt_id = s.column_int(8);
    t.status = parse_status(s.column_text(9));
    t.feedback = s.column_text(10);
    t.created_at = s.column_text(11);
    out.push_back(std::move(t));
  }
  return out;
}

ResponseCacheTable::ResponseCacheTable(const std::string& db_path) : db_(db_path) {}

std::optional<std::string> ResponseCacheTable::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto s = db_.prepare("SELECT reply_json FROM response_cache WHERE key = ?");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  std::string reply = s.column_text(0);
  db_.prepare("UPDATE response_cache SET hits = hits + 1 WHERE key = ?").bind(1, key).run();
  return reply;
}

void ResponseCacheTable::store(const std::string& key, const std::string& request_json, const std::string& reply_json) {
  std::lock_guard lock(mutex_);
  db_.prepare("INSERT OR REPLACE INTO response_cache(key, request_json, reply_json, hits, created_at) VALUES (?,?,?,0,?)")
      .bind(1, key).bind(2, request_json).bind(3, reply_json).bind(4, utc_now_iso())
      .run();
}

std::int64_t ResponseCacheTable::size() {
  std::lock_guard lock(mutex_);
  auto s = db_.prepare("SELECT COUNT(*) FROM response_cache");
  s.step();
  return s.column_int(0);
}

}  // namespace kbench

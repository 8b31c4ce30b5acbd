// SQL for the LLM loop's tables (llm_calls, turns, response_cache).
#include "results/store/llm_store.hpp"

#include <fmt/format.h>

#include "results/store/pending_writes.hpp"
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

LlmStore::LlmStore(ResultStore& store) : db_(store.database()), through_(&store) {}

std::int64_t LlmStore::write(const std::string& table, const nlohmann::json& row, const std::string& what) {
  if (through_) return through_->store_row(table, row, what);
  sql::Transaction tx(db_);
  insert_row(db_, table, row);
  const std::int64_t id = db_.last_insert_id();
  tx.commit();
  return id;
}

std::int64_t LlmStore::add_call(LlmCallRecord c) {
  if (c.created_at.empty()) c.created_at = utc_now_iso();
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  const nlohmann::json row = {
      {"run_id", opt(c.run_id)}, {"task_id", opt(c.task_id)}, {"sample", opt(c.sample)}, {"turn", opt(c.turn)},
      {"provider", c.provider}, {"model", c.model}, {"endpoint", c.endpoint}, {"request_json", c.request_json},
      {"response_text", opt(c.response_text)}, {"status", c.status}, {"error_kind", opt(c.error_kind)},
      {"error", opt(c.error)}, {"http_status", opt(c.http_status)}, {"attempts", c.attempts}, {"cached", c.cached ? 1 : 0},
      {"input_tokens", c.input_tokens}, {"output_tokens", c.output_tokens}, {"reasoning_tokens", c.reasoning_tokens},
      {"latency_s", opt(c.latency_s)}, {"finish_reason", c.finish_reason}, {"reply_model", c.reply_model},
      {"created_at", c.created_at}};
  return write("llm_calls", row, fmt::format("the LLM call of {} sample {} turn {}", c.task_id.value_or("-"),
                                             c.sample.value_or(-1), c.turn.value_or(-1)));
}

std::int64_t LlmStore::add_turn(TurnRecord t) {
  if (t.created_at.empty()) t.created_at = utc_now_iso();
  const nlohmann::json row = {
      {"run_id", t.run_id}, {"task_id", t.task_id}, {"backend", t.backend}, {"sample", t.sample}, {"turn", t.turn},
      {"llm_call_id", t.llm_call_id},
      {"extracted_source", t.extracted_source ? nlohmann::json(*t.extracted_source) : nlohmann::json(nullptr)},
      {"attempt_id", t.attempt_id}, {"status", std::string(status_name(t.status))}, {"feedback", t.feedback},
      {"created_at", t.created_at}};
  return write("turns", row, fmt::format("turn {} of {} sample {}", t.turn, t.task_id, t.sample));
}

void LlmStore::begin_in_flight(const TurnInFlight& t) {
  sql::Transaction tx(db_);
  db_.prepare("INSERT INTO turns_in_flight(run_id, task_id, sample, turn, llm_call_id, source, tries, started_at) "
              "VALUES (?,?,?,?,?,?,1,?) ON CONFLICT(run_id, task_id, sample, turn) DO UPDATE SET tries = tries + 1, "
              "started_at = excluded.started_at")
      .bind(1, t.run_id).bind(2, t.task_id).bind(3, t.sample).bind(4, t.turn).bind(5, t.llm_call_id).bind(6, t.source)
      .bind(7, utc_now_iso()).run();
  tx.commit();
}

void LlmStore::done_in_flight(const std::string& run_id, const std::string& task_id, int sample, int turn) {
  sql::Transaction tx(db_);
  db_.prepare("DELETE FROM turns_in_flight WHERE run_id = ? AND task_id = ? AND sample = ? AND turn = ?")
      .bind(1, run_id).bind(2, task_id).bind(3, sample).bind(4, turn).run();
  tx.commit();
}

std::vector<TurnInFlight> LlmStore::in_flight(const std::string& run_id) const {
  auto s = db_.prepare("SELECT run_id, task_id, sample, turn, llm_call_id, source, tries FROM turns_in_flight "
                       "WHERE run_id = ? ORDER BY task_id, sample, turn");
  s.bind(1, run_id);
  std::vector<TurnInFlight> out;
  while (s.step())
    out.push_back({s.column_text(0), s.column_text(1), static_cast<int>(s.column_int(2)), static_cast<int>(s.column_int(3)),
                   s.column_int(4), s.column_text(5), static_cast<int>(s.column_int(6))});
  return out;
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

// ResultStore: runs, attempts and baselines in SQLite, one transaction per write.
#include "results/store/store.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <random>

#include "core/util/paths.hpp"
#include "results/store/migrations.hpp"

namespace kbench {

namespace fs = std::filesystem;
using nlohmann::json;

std::string utc_now_iso() {
  const auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", std::chrono::floor<std::chrono::seconds>(now));
}

std::string new_run_id() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  std::random_device rd;
  return fmt::format("{:%Y%m%dT%H%M%S}Z-{:06x}", now, rd() & 0xFFFFFF);
}

fs::path default_db_path() {
  if (const char* p = std::getenv("KBENCH_DB"); p && *p) return p;
  return kbench_root() / "results" / "kbench.db";
}

namespace {
sql::Database open_db(const fs::path& path) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  return sql::Database(path.string());
}
std::string host_name() {
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}
}  // namespace

ResultStore::ResultStore(const fs::path& path) : path_(path), db_(open_db(path)) { migrate(db_); }

std::string ResultStore::begin_run(const std::string& kind, const std::string& command, const json& config) {
  const std::string id = new_run_id();
  sql::Transaction tx(db_);
  db_.prepare("INSERT INTO runs(id, kind, started_at, kbench_version, host, command, config_json) VALUES (?,?,?,?,?,?,?)")
      .bind(1, id).bind(2, kind).bind(3, utc_now_iso()).bind(4, kbench_version()).bind(5, host_name())
      .bind(6, command).bind(7, config.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).run();
  tx.commit();
  return id;
}

void ResultStore::finish_run(const std::string& run_id) {
  sql::Transaction tx(db_);
  db_.prepare("UPDATE runs SET finished_at = ? WHERE id = ?").bind(1, utc_now_iso()).bind(2, run_id).run();
  tx.commit();
}

std::int64_t ResultStore::add_attempt(AttemptRecord a) {
  const Verdict& v = a.verdict;
  if (a.created_at.empty()) a.created_at = utc_now_iso();
  if (a.kbench_version.empty()) a.kbench_version = kbench_version();
  auto finite = [](double x) { return std::isfinite(x) ? std::optional<double>(x) : std::nullopt; };
  const bool has_metrics = v.status == Status::correct || v.status == Status::incorrect;
  std::optional<double> cand_median, cand_min, ref_median;
  if (!v.timings.empty()) {
    cand_median = v.timings.front().candidate.median_ns;
    cand_min = v.timings.front().candidate.min_ns;
    ref_median = v.timings.front().reference.median_ns;
  }
  sql::Transaction tx(db_);
  auto st = db_.prepare(
      "INSERT INTO attempts(run_id, task_id, backend, role, sample, turn, device, compiler, source, source_hash, status, "
      "detail, compile_log, run_log, max_abs_err, max_rel_err, nrel_err, first_mismatch, failing_shape, cand_median_ns, "
      "cand_min_ns, ref_median_ns, speedup, vendor_speedup, seed, verdict_json, kbench_version, created_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, a.run_id).bind(2, a.task_id).bind(3, a.backend).bind(4, a.role);
  st.bind(5, a.sample ? std::optional<std::int64_t>(*a.sample) : std::nullopt);
  st.bind(6, a.turn ? std::optional<std::int64_t>(*a.turn) : std::nullopt);
  st.bind(7, v.device).bind(8, v.compiler).bind(9, a.source).bind(10, a.source_hash);
  st.bind(11, std::string(status_name(v.status))).bind(12, v.detail).bind(13, v.compile_log).bind(14, v.run_log);
  st.bind(15, has_metrics ? finite(v.metrics.max_abs) : std::nullopt);
  st.bind(16, has_metrics ? finite(v.metrics.max_rel) : std::nullopt);
  st.bind(17, has_metrics ? finite(v.metrics.nrel) : std::nullopt);
  st.bind(18, v.metrics.first_mismatch >= 0 ? std::optional<std::int64_t>(v.metrics.first_mismatch) : std::nullopt);
  st.bind(19, v.metrics.failing_shape.empty() ? std::nullopt : std::optional<std::string>(v.metrics.failing_shape));
  st.bind(20, cand_median).bind(21, cand_min).bind(22, ref_median).bind(23, v.speedup).bind(24, v.vendor_speedup);
  st.bind(25, static_cast<std::int64_t>(v.seed)).bind(26, to_json(v, true).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  st.bind(27, a.kbench_version).bind(28, a.created_at);
  st.run();
  const std::int64_t id = db_.last_insert_id();
  tx.commit();
  return id;
}

AttemptRecord attempt_record(const std::string& run_id, const std::string& task_id, const std::string& backend,
                             const Candidate& candidate, const Verdict& verdict, const AttemptOrigin& origin) {
  AttemptRecord a;
  a.run_id = run_id;
  a.task_id = task_id;
  a.backend = backend;
  a.role = origin.role;
  a.sample = origin.sample;
  a.turn = origin.turn;
  a.source = candidate.source;
  a.source_hash = candidate.hash;
  a.verdict = verdict;
  return a;
}

std::int64_t ResultStore::record_attempt(const std::string& run_id, const std::string& task_id, const std::string& backend,
                                         const Candidate& candidate, const Verdict& verdict, const AttemptOrigin& origin) {
  return add_attempt(attempt_record(run_id, task_id, backend, candidate, verdict, origin));
}

void ResultStore::add_baseline(BaselineRecord b) {
  if (b.created_at.empty()) b.created_at = utc_now_iso();
  sql::Transaction tx(db_);
  db_.prepare("INSERT INTO baselines(run_id, task_id, backend, kind, device, compiler, shape, median_ns, min_ns, cv, samples, "
              "timing_json, kbench_version, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, b.run_id).bind(2, b.task_id).bind(3, b.backend).bind(4, b.kind).bind(5, b.device).bind(6, b.compiler)
      .bind(7, b.shape).bind(8, b.timing.median_ns).bind(9, b.timing.min_ns).bind(10, b.timing.cv)
      .bind(11, b.timing.samples).bind(12, to_json(b.timing, true).dump()).bind(13, kbench_version()).bind(14, b.created_at)
      .run();
  tx.commit();
}

namespace {
RunRecord read_run(const sql::Statement& s) {
  RunRecord r;
  r.id = s.column_text(0);
  r.kind = s.column_text(1);
  r.started_at = s.column_text(2);
  r.finished_at = s.column_opt_text(3);
  r.kbench_version = s.column_text(4);
  r.host = s.column_text(5);
  r.command = s.column_text(6);
  r.config = json::parse(s.column_text(7));
  return r;
}
constexpr const char* kRunColumns = "id, kind, started_at, finished_at, kbench_version, host, command, config_json";
}  // namespace

std::vector<RunRecord> ResultStore::runs() const {
  std::vector<RunRecord> out;
  auto s = db_.prepare(fmt::format("SELECT {} FROM runs ORDER BY started_at, rowid", kRunColumns));
  while (s.step()) out.push_back(read_run(s));
  return out;
}

std::optional<RunRecord> ResultStore::run(const std::string& run_id) const {
  auto s = db_.prepare(fmt::format("SELECT {} FROM runs WHERE id = ?", kRunColumns));
  s.bind(1, run_id);
  if (!s.step()) return std::nullopt;
  return read_run(s);
}

std::optional<std::string> ResultStore::latest_run_id(const std::string& kind) const {
  auto s = db_.prepare(kind.empty() ? "SELECT id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1"
                                    : "SELECT id FROM runs WHERE kind = ? ORDER BY started_at DESC, rowid DESC LIMIT 1");
  if (!kind.empty()) s.bind(1, kind);
  if (!s.step()) return std::nullopt;
  return s.column_text(0);
}

std::vector<AttemptRecord> ResultStore::attempts(const std::string& run_id) const {
  std::vector<AttemptRecord> out;
  auto s = db_.prepare(
      "SELECT id, run_id, task_id, backend, role, sample, turn, source, source_hash, verdict_json, kbench_version, "
      "created_at FROM attempts WHERE run_id = ? ORDER BY id");
  s.bind(1, run_id);
  while (s.step()) {
    AttemptRecord a;
    a.id = s.column_int(0);
    a.run_id = s.column_text(1);
    a.task_id = s.column_text(2);
    a.backend = s.column_text(3);
    a.role = s.column_text(4);
    if (!s.is_null(5)) a.sample = static_cast<int>(s.column_int(5));
    if (!s.is_null(6)) a.turn = static_cast<int>(s.column_int(6));
    a.source = s.column_text(7);
    a.source_hash = s.column_text(8);
    a.verdict = verdict_from_json(json::parse(s.column_text(9)));
    a.kbench_version = s.column_text(10);
    a.created_at = s.column_text(11);
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<BaselineRecord> ResultStore::baselines(const std::string& run_id) const {
  std::vector<BaselineRecord> out;
  auto s = db_.prepare(
      "SELECT run_id, task_id, backend, kind, device, compiler, shape, timing_json, created_at FROM baselines "
      "WHERE run_id = ? ORDER BY id");
  s.bind(1, run_id);
  while (s.step()) {
    BaselineRecord b;
    b.run_id = s.column_text(0);
    b.task_id = s.column_text(1);
    b.backend = s.column_text(2);
    b.kind = s.column_text(3);
    b.device = s.column_text(4);
    b.compiler = s.column_text(5);
    b.shape = s.column_text(6);
    b.timing = timing_from_json(json::parse(s.column_text(7)));
    b.created_at = s.column_text(8);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace kbench

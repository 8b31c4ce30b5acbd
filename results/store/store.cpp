// ResultStore: runs, attempts and baselines in SQLite, one transaction per write.
#include "results/store/store.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <mutex>
#include <random>

#include "core/util/paths.hpp"
#include "results/store/migrations.hpp"
#include "results/store/pending_writes.hpp"

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
// A placeholder id for a row kept in the journal: negative, and random so that rows kept by different
// kbench processes in one journal never share one.
std::int64_t new_placeholder_id() {
  static std::mt19937_64 rng{std::random_device{}()};
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  return -static_cast<std::int64_t>(1 + (rng() >> 12));
}
}  // namespace

ResultStore::ResultStore(const fs::path& path, Notice notice) : path_(path), db_(open_db(path)), notice_(std::move(notice)) {
  migrate(db_);
  const fs::path journal = pending_writes_path(path_);
  if (!fs::exists(journal)) return;
  const MergeResult merged = merge_pending_writes(db_, journal);
  for (const auto& note : merged.notes) notify(note);
  if (merged.merged) notify(fmt::format("stored {} result(s) kept from an earlier run in {}", merged.merged, journal.string()));
}

std::string ResultStore::begin_run(const std::string& kind, const std::string& command, const json& config,
                                   const RunProvenance& provenance) {
  const std::string id = new_run_id();
  const json row = {{"id", id}, {"kind", kind}, {"started_at", utc_now_iso()}, {"kbench_version", kbench_version()},
                    {"host", host_name()}, {"command", command},
                    {"config_json", config.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)},
                    {"label", provenance.label.empty() ? json(nullptr) : json(provenance.label)},
                    {"git_commit", provenance.git_commit.empty() ? json(nullptr) : json(provenance.git_commit)},
                    {"git_dirty", provenance.git_dirty ? json(*provenance.git_dirty ? 1 : 0) : json(nullptr)}};
  write_or_keep({{"table", "runs"}, {"row", row}}, "the start of run " + id);
  return id;
}

void ResultStore::finish_run(const std::string& run_id) {
  write_or_keep({{"table", "runs"}, {"finish", run_id}, {"at", utc_now_iso()}}, "the end of run " + run_id);
}

void ResultStore::notify(const std::string& message) const {
  if (notice_) notice_(message);
  else fmt::print(stderr, "kbench: {}\n", message);
}

bool ResultStore::refers_to_kept_row(const json& row) const {
  for (const auto& [column, value] : row.items()) {
    if (id_column(column) && value.is_number_integer() && is_placeholder(value.get<std::int64_t>())) return true;
    if (column == "run_id" && value.is_string() && kept_runs_.count(value.get<std::string>())) return true;
  }
  return false;
}

std::int64_t ResultStore::store_row(const std::string& table, const json& row, const std::string& what) {
  return write_or_keep({{"table", table}, {"row", row}}, what);
}

std::int64_t ResultStore::write_or_keep(json write, const std::string& what) {
  const bool finish = write.contains("finish");
  std::optional<std::string> refused;
  if (finish ? kept_runs_.count(write.at("finish").get<std::string>()) > 0 : refers_to_kept_row(write.at("row"))) {
    refused = "it refers to a row kept there";  // its row cannot go in before that one does
  } else {
    try {
      sql::Transaction tx(db_);
      std::map<std::int64_t, std::int64_t> no_placeholders;  // a row referring to one was kept above
      apply_write(db_, write, no_placeholders);
      const std::int64_t id = db_.last_insert_id();
      tx.commit();
      return id;
    } catch (const sql::SqliteError& e) {
      if (!e.refused_for_now()) throw;
      refused = e.what();
    }
  }
  const std::int64_t placeholder = finish ? 0 : new_placeholder_id();
  if (!finish) write["placeholder"] = placeholder;
  if (!finish && write.at("table") == "runs") kept_runs_.insert(write.at("row").at("id").get<std::string>());
  const fs::path journal = pending_writes_path(path_);
  try {
    append_pending_write(journal, write);
  } catch (const std::exception& j) {
    throw std::runtime_error(fmt::format("{} was not stored: the database refused it ({}) and so did the journal ({})",
                                         what, *refused, j.what()));
  }
  ++kept_;
  notify(fmt::format("the database refused {} ({}); it is kept in {} and will be stored when kbench next opens {}", what,
                     *refused, journal.string(), path_.string()));
  return placeholder;
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
  auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  const json row = {
      {"run_id", a.run_id}, {"task_id", a.task_id}, {"backend", a.backend}, {"role", a.role},
      {"sample", opt(a.sample)}, {"turn", opt(a.turn)}, {"device", v.device}, {"compiler", v.compiler},
      {"source", a.source}, {"source_hash", a.source_hash}, {"status", std::string(status_name(v.status))},
      {"detail", v.detail}, {"compile_log", v.compile_log}, {"run_log", v.run_log},
      {"max_abs_err", opt(has_metrics ? finite(v.metrics.max_abs) : std::nullopt)},
      {"max_rel_err", opt(has_metrics ? finite(v.metrics.max_rel) : std::nullopt)},
      {"nrel_err", opt(has_metrics ? finite(v.metrics.nrel) : std::nullopt)},
      {"first_mismatch", v.metrics.first_mismatch >= 0 ? json(v.metrics.first_mismatch) : json(nullptr)},
      {"failing_shape", v.metrics.failing_shape.empty() ? json(nullptr) : json(v.metrics.failing_shape)},
      {"cand_median_ns", opt(cand_median)}, {"cand_min_ns", opt(cand_min)}, {"ref_median_ns", opt(ref_median)},
      {"speedup", opt(v.speedup)}, {"vendor_speedup", opt(v.vendor_speedup)}, {"seed", static_cast<std::int64_t>(v.seed)},
      {"verdict_json", to_json(v, true).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)},
      {"kbench_version", a.kbench_version}, {"created_at", a.created_at}};
  return write_or_keep({{"table", "attempts"}, {"row", row}},
                       fmt::format("the verdict of {} ({}, {})", a.task_id, a.backend, status_name(v.status)));
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
  json timing = to_json(b.timing, true);
  if (!b.timing_policy.empty()) timing["timing_policy"] = b.timing_policy;
  const json row = {{"run_id", b.run_id}, {"task_id", b.task_id}, {"backend", b.backend}, {"kind", b.kind},
                    {"device", b.device}, {"compiler", b.compiler}, {"shape", b.shape}, {"median_ns", b.timing.median_ns},
                    {"min_ns", b.timing.min_ns}, {"cv", b.timing.cv}, {"samples", b.timing.samples},
                    {"timing_json", timing.dump()}, {"kbench_version", kbench_version()},
                    {"created_at", b.created_at}};
  write_or_keep({{"table", "baselines"}, {"row", row}}, fmt::format("the {} timing of {} at {}", b.kind, b.task_id, b.shape));
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
  r.label = s.column_opt_text(8).value_or("");
  r.git_commit = s.column_opt_text(9).value_or("");
  if (!s.is_null(10)) r.git_dirty = s.column_int(10) != 0;
  return r;
}
constexpr const char* kRunColumns =
    "id, kind, started_at, finished_at, kbench_version, host, command, config_json, label, git_commit, git_dirty";
}  // namespace

std::vector<RunRecord> ResultStore::runs() const {
  std::vector<RunRecord> out;
  auto s = db_.prepare(fmt::format("SELECT {} FROM runs ORDER BY started_at, rowid", kRunColumns));
  while (s.step()) out.push_back(read_run(s));
  return out;
}

std::vector<RunListing> ResultStore::run_listings() const {
  std::vector<RunListing> out;
  for (auto& r : runs()) {
    RunListing l;
    l.run = std::move(r);
    out.push_back(std::move(l));
  }
  auto s = db_.prepare(
      "SELECT run_id, COUNT(*), COUNT(DISTINCT task_id || ' ' || backend), "
      "COUNT(DISTINCT CASE WHEN status = 'correct' THEN task_id || ' ' || backend END), "
      "(SELECT a2.device FROM attempts a2 WHERE a2.run_id = attempts.run_id AND a2.device != '' ORDER BY a2.id LIMIT 1) "
      "FROM attempts GROUP BY run_id");
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < out.size(); ++i) index[out[i].run.id] = i;
  while (s.step()) {
    auto it = index.find(s.column_text(0));
    if (it == index.end()) continue;
    RunListing& l = out[it->second];
    l.attempts = static_cast<int>(s.column_int(1));
    l.tasks = static_cast<int>(s.column_int(2));
    l.correct_tasks = static_cast<int>(s.column_int(3));
    l.device = s.column_opt_text(4).value_or("");
  }
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

std::optional<std::string> ResultStore::find_run(const std::string& id_or_label) const {
  if (id_or_label == "latest") return latest_run_id();
  if (run(id_or_label)) return id_or_label;
  auto s = db_.prepare("SELECT id FROM runs WHERE label = ? ORDER BY started_at DESC, rowid DESC LIMIT 1");
  s.bind(1, id_or_label);
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
    const json timing = json::parse(s.column_text(7));
    b.timing = timing_from_json(timing);
    b.timing_policy = timing.value("timing_policy", std::string());
    b.created_at = s.column_text(8);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace kbench

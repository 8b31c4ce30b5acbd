// The journal of refused writes. See pending_writes.hpp.
#include "results/store/pending_writes.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>

namespace kbench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::runtime_error journal_error(const fs::path& journal, const std::string& what) {
  return std::runtime_error(fmt::format("{}: {}: {}", journal.string(), what, std::strerror(errno)));
}

// A descriptor on the journal holding its exclusive lock, and still the file the path names (a merge
// that emptied it may have removed it while we waited for the lock).
struct LockedJournal {
  int fd = -1;
  ~LockedJournal() {
    if (fd >= 0) ::close(fd);
  }
};

bool open_locked(const fs::path& journal, int flags, LockedJournal& out) {
  for (;;) {
    const int fd = ::open(journal.c_str(), flags | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (errno == ENOENT && !(flags & O_CREAT)) return false;
      throw journal_error(journal, "cannot open the journal of unsaved results");
    }
    if (::flock(fd, LOCK_EX) != 0) {
      ::close(fd);
      throw journal_error(journal, "cannot lock the journal of unsaved results");
    }
    struct stat held {}, named {};
    if (::fstat(fd, &held) == 0 && ::stat(journal.c_str(), &named) == 0 && held.st_ino == named.st_ino && held.st_dev == named.st_dev) {
      out.fd = fd;
      return true;
    }
    ::close(fd);  // removed or replaced while we waited: open the one the path names now
  }
}

bool plain_identifier(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'))) return false;
  return !(s[0] >= '0' && s[0] <= '9');
}

}  // namespace

bool id_column(const std::string& name) { return name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0; }

void apply_write(sql::Database& db, const json& write, std::map<std::int64_t, std::int64_t>& real_ids) {
  const std::string table = write.at("table").get<std::string>();
  if (table != "runs" && table != "attempts" && table != "baselines" && table != "llm_calls" && table != "turns")
    throw std::invalid_argument("unknown table '" + table + "'");
  if (write.contains("finish")) {
    db.prepare("UPDATE runs SET finished_at = ? WHERE id = ?").bind(1, write.at("at").get<std::string>())
        .bind(2, write.at("finish").get<std::string>()).run();
    return;
  }
  json row = write.at("row");
  if (!row.is_object()) throw std::invalid_argument("a row that is not an object");
  for (auto& [name, value] : row.items()) {
    if (!id_column(name) || !value.is_number_integer() || value.get<std::int64_t>() >= 0) continue;
    const auto real = real_ids.find(value.get<std::int64_t>());
    if (real == real_ids.end()) throw std::invalid_argument(name + " refers to a row that was not merged");
    value = real->second;
  }
  insert_row(db, table, row);
  if (write.contains("placeholder")) real_ids[write.at("placeholder").get<std::int64_t>()] = db.last_insert_id();
}

fs::path pending_writes_path(const fs::path& db_path) { return fs::path(db_path.string() + ".pending.jsonl"); }

void append_pending_write(const fs::path& journal, const json& write) {
  LockedJournal j;
  open_locked(journal, O_WRONLY | O_APPEND | O_CREAT, j);
  const std::string line = write.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(j.fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw journal_error(journal, "cannot write the journal of unsaved results");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(j.fd) != 0) throw journal_error(journal, "cannot sync the journal of unsaved results");
}

void insert_row(sql::Database& db, const std::string& table, const json& row) {
  if (!plain_identifier(table) || !row.is_object() || row.empty()) throw std::invalid_argument("not a row of a table");
  std::string columns, marks;
  for (const auto& [name, value] : row.items()) {
    if (!plain_identifier(name)) throw std::invalid_argument("bad column name '" + name + "'");
    columns += (columns.empty() ? "" : ", ") + name;
    marks += marks.empty() ? "?" : ", ?";
  }
  auto st = db.prepare(fmt::format("INSERT INTO {}({}) VALUES ({})", table, columns, marks));
  int i = 1;
  for (const auto& [name, value] : row.items()) {
    if (value.is_null()) st.bind_null(i);
    else if (value.is_string()) st.bind(i, value.get_ref<const std::string&>());
    else if (value.is_number_integer() || value.is_boolean()) st.bind(i, value.is_boolean() ? std::int64_t{value.get<bool>()} : value.get<std::int64_t>());
    else if (value.is_number()) st.bind(i, value.get<double>());
    else st.bind(i, value.dump());
    ++i;
  }
  st.run();
}

MergeResult merge_pending_writes(sql::Database& db, const fs::path& journal) {
  MergeResult result;
  LockedJournal j;
  if (!open_locked(journal, O_RDWR, j)) return result;
  struct stat st {};
  if (::fstat(j.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    result.notes.push_back(fmt::format("{} is not a regular file; it was not read", journal.string()));
    result.pending_left = true;
    return result;
  }
  std::string text;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(j.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw journal_error(journal, "cannot read the journal of unsaved results");
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  std::vector<json> writes;
  std::size_t line_no = 0, begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    const bool cut = end == std::string::npos;
    if (cut) end = text.size();
    ++line_no;
    const std::string line = text.substr(begin, end - begin);
    begin = end + 1;
    if (line.empty()) continue;
    try {
      json w = json::parse(line);
      if (!w.is_object() || !w.contains("table")) throw std::invalid_argument("not a write");
      writes.push_back(std::move(w));
    } catch (const std::exception& e) {
      result.notes.push_back(fmt::format("{} line {}: skipped ({}{})", journal.string(), line_no,
                                         cut ? "cut short, a crash while it was written: " : "", e.what()));
    }
  }
  try {
    sql::Transaction tx(db);
    std::map<std::int64_t, std::int64_t> real_ids;
    for (std::size_t k = 0; k < writes.size(); ++k) {
      try {
        apply_write(db, writes[k], real_ids);
        ++result.merged;
      } catch (const sql::SqliteError& e) {
        if (e.refused_for_now()) throw;
        result.notes.push_back(fmt::format("{}: a write for table {} was not merged: {}", journal.string(),
                                           writes[k].value("table", "?"), e.what()));
      } catch (const std::exception& e) {
        result.notes.push_back(fmt::format("{}: a write was not merged: {}", journal.string(), e.what()));
      }
    }
    tx.commit();
  } catch (const sql::SqliteError& e) {
    if (!e.refused_for_now()) throw;
    result.merged = 0;
    result.pending_left = true;
    result.notes.push_back(fmt::format("{}: the database still refuses writes ({}); the unsaved results stay in {}",
                                       db.path(), e.what(), journal.string()));
    return result;
  }
  // Merged: the journal goes (appenders waiting on the lock see it removed and open a new one).
  if (::unlink(journal.c_str()) != 0 && errno != ENOENT) throw journal_error(journal, "cannot remove the merged journal");
  return result;
}

}  // namespace kbench

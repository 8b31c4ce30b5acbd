// Thin RAII wrapper over SQLite's C API: a connection, prepared statements, transactions.
// Errors throw SqliteError carrying SQLite's message and the statement text.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kbench::sql {

struct SqliteError : std::runtime_error {
  explicit SqliteError(const std::string& what, int code = 0) : std::runtime_error(what), code(code) {}
  int code;  // SQLite's primary result code (SQLITE_BUSY, SQLITE_FULL, ...), 0 when none applies

  // The database could not take the write now (locked past the busy timeout, disk full, read-only, I/O
  // error) although the write itself is sound: the caller may keep it elsewhere and retry later.
  bool refused_for_now() const;
};

class Statement;

class Database {
 public:
  // Opens (creating when absent) with WAL, foreign keys and a busy timeout.
  explicit Database(const std::string& path, bool read_only = false);
  Database(Database&&) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  ~Database();

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_id() const;
  int user_version();
  void set_user_version(int v);
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(Statement&&) noexcept;
  Statement(const Statement&) = delete;
  ~Statement();

  // Binding by 1-based index; std::nullopt binds NULL.
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind_null(int i);
  template <class T>
  Statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  // Steps once: true while a row is available.
  bool step();
  // Runs to completion (for statements that return no rows).
  void run();
  void reset();

  bool is_null(int col) const;
  std::int64_t column_int(int col) const;
  double column_double(int col) const;
  std::string column_text(int col) const;
  std::optional<double> column_opt_double(int col) const;
  std::optional<std::string> column_opt_text(int col) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when destroyed without commit().
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace kbench::sql

// Thin RAII wrappers over the SQLite C API: a connection (Db) and a prepared statement
// (Statement). They turn SQLite's return codes into ward::Error with the SQL's own message,
// so the store reads as plain code. A Db is used by one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ward::store {

class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binding is 1-based as in SQLite. Text is bound without copying: it must outlive step().
  void bind(int index, std::int64_t value);
  void bind(int index, std::string_view text);  // empty text binds NULL
  void bind_null(int index);
  void bind_double(int index, double value);
  void bind_blob(int index, std::string_view bytes);

  // true when a row is ready; false when done. Errors carry SQLite's message.
  Result<bool> step();
  Result<void> run();  // step() to completion, expecting no rows
  void reset();        // ready for new bindings

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string_view column_text(int index) const;  // valid until the next step()
  std::string_view column_blob(int index) const;  // the same for a BLOB; empty for NULL
  bool column_is_null(int index) const;
  int column_count() const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class Db {
 public:
  // Opens (creating when `create`) the database file; read_only opens it so.
  static Result<Db> open(const std::filesystem::path& file, bool read_only = false);
  Db(Db&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // A deterministic SQL function `name(a, b)` of two texts (NULL reads as "") returning
  // `f(a, b)` as an integer, for this connection's SQL (migrations that compute what the code
  // computes the same way).
  using TextPairFunction = std::int64_t (*)(std::string_view, std::string_view);
  Result<void> add_function(const std::string& name, TextPairFunction f);
  // A deterministic SQL function `name(...)` of any number of values, each read as text (an
  // integer as its decimal digits, NULL as ""), returning `f(values)` as text.
  using TextListFunction = std::string (*)(std::span<const std::string_view>);
  Result<void> add_text_function(const std::string& name, TextListFunction f);

  Result<void> exec(std::string_view sql);  // one or more statements, no results
  // Resets every statement of this connection still on a row. A statement left on a row (a
  // lookup read for its first row) keeps a read snapshot open past COMMIT; once another process
  // writes, the connection's next BEGIN IMMEDIATE then fails at once (SQLITE_BUSY_SNAPSHOT).
  void reset_statements();
  Result<Statement> prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  std::int64_t changes() const;
  std::string last_error() const;

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// While it lives, commits on `db` are not fsynced of their own (synchronous=NORMAL): for
// transactions whose loss in a crash costs only doing them again (live detection's progress
// mark). In WAL mode nothing committed before is put at risk: the next commit with
// synchronous=FULL (or a checkpoint) fsyncs the log with these frames in it, and a crash before
// loses these transactions only. Back to synchronous=FULL when it goes. The caller holds
// whatever lock guards `db` for the object's whole life.
class UnsyncedCommits {
 public:
  explicit UnsyncedCommits(Db& db) : db_(db) { (void)db_.exec("PRAGMA synchronous=NORMAL"); }
  ~UnsyncedCommits() { (void)db_.exec("PRAGMA synchronous=FULL"); }
  UnsyncedCommits(const UnsyncedCommits&) = delete;
  UnsyncedCommits& operator=(const UnsyncedCommits&) = delete;

 private:
  Db& db_;
};

// Runs `body` (returning Result<T>) inside BEGIN IMMEDIATE … COMMIT on `db`, rolling back when
// it fails; the caller holds whatever lock guards `db`.
template <class T, class Body>
Result<T> in_transaction(Db& db, Body body) {
  if (auto r = db.exec("BEGIN IMMEDIATE"); !r) return Unexpected(r.error());
  Result<T> result = body();
  if (!result) {
    (void)db.exec("ROLLBACK");
    return result;
  }
  if (auto r = db.exec("COMMIT"); !r) {
    (void)db.exec("ROLLBACK");
    return Unexpected(r.error());
  }
  return result;
}

}  // namespace ward::store

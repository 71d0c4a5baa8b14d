#include "store/sqlite_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "store/explanation_parts.h"

namespace ward::store {
namespace {

// SQLite's process-wide settings, made once before the first connection: no memory statistics
// (Ward never reads them, and keeping them takes a global mutex on every allocation: ~3% of an
// import).
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK) sqlite3_initialize();
  });
}

// ward_u32_at(blob, slot): the 32-bit value at `slot` of a part blob (explanation_parts.h), 0
// beyond its end; NULL when the blob is NULL (no part).
void u32_at(sqlite3_context* context, int, sqlite3_value** args) {
  if (sqlite3_value_type(args[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  const void* bytes = sqlite3_value_blob(args[0]);
  const std::string_view blob(static_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_value_bytes(args[0])));
  const sqlite3_int64 slot = sqlite3_value_int64(args[1]);
  sqlite3_result_int64(context, slot < 0 ? 0 : explanation_parts::value_at(blob, static_cast<std::size_t>(slot)));
}

// ward_u32_pack(slot, value), an aggregate: the part blob with each value at its slot
// (0 <= slot < explanation_parts::kPartSeqs), as explanation_parts::put lays it out.
struct PackedPart {
  std::size_t slots;  // the blob's length in values
  char bytes[4 * explanation_parts::kPartSeqs];
};
void u32_pack_step(sqlite3_context* context, int, sqlite3_value** args) {
  auto* part = static_cast<PackedPart*>(sqlite3_aggregate_context(context, sizeof(PackedPart)));
  if (part == nullptr) return sqlite3_result_error_nomem(context);
  const sqlite3_int64 slot = sqlite3_value_int64(args[0]);
  if (slot < 0 || slot >= explanation_parts::kPartSeqs)
    return sqlite3_result_error(context, "ward_u32_pack: the slot is outside a part", -1);
  explanation_parts::encode(part->bytes + 4 * slot, static_cast<std::uint32_t>(sqlite3_value_int64(args[1])));
  part->slots = std::max(part->slots, static_cast<std::size_t>(slot) + 1);
}
void u32_pack_final(sqlite3_context* context) {
  auto* part = static_cast<PackedPart*>(sqlite3_aggregate_context(context, 0));
  if (part == nullptr) return sqlite3_result_zeroblob(context, 0);
  sqlite3_result_blob64(context, part->bytes, 4 * part->slots, SQLITE_TRANSIENT);
}

// The functions every connection's SQL may use.
int add_builtin_functions(sqlite3* db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  int rc = sqlite3_create_function_v2(db, "ward_u32_at", 2, flags, nullptr, u32_at, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_function_v2(db, "ward_u32_pack", 2, flags, nullptr, nullptr, u32_pack_step,
                                    u32_pack_final, nullptr);
}

}  // namespace

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::bind(int index, std::string_view text) {
  if (text.empty()) {
    sqlite3_bind_null(stmt_, index);
  } else {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
}

void Statement::bind_null(int index) { sqlite3_bind_null(stmt_, index); }

void Statement::bind_double(int index, double value) { sqlite3_bind_double(stmt_, index, value); }

void Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return fail(ErrorCode::storage,
              fmt::format("SQLite: {}", sqlite3_errmsg(sqlite3_db_handle(stmt_))));
}

Result<void> Statement::run() {
  while (true) {
    auto r = step();
    if (!r) return Unexpected(r.error());
    if (!*r) break;
  }
  return {};
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

double Statement::column_double(int index) const { return sqlite3_column_double(stmt_, index); }

std::string_view Statement::column_text(int index) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  if (p == nullptr) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
}

std::string_view Statement::column_blob(int index) const {
  const void* p = sqlite3_column_blob(stmt_, index);
  if (p == nullptr) return {};
  return {static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

Result<Db> Db::open(const std::filesystem::path& file, bool read_only) {
  configure_sqlite_once();
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Unexpected(Error{ErrorCode::storage, fmt::format("cannot open the store: {}", msg),
                            file.string(), 0, 0, {}});
  }
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_extended_result_codes(db, 1);
  if (add_builtin_functions(db) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(db);
    sqlite3_close(db);
    return Unexpected(Error{ErrorCode::storage, fmt::format("cannot add Ward's SQL functions: {}", msg),
                            file.string(), 0, 0, {}});
  }
  return Db(db);
}

Result<void> Db::add_function(const std::string& name, TextPairFunction f) {
  auto call = [](sqlite3_context* context, int, sqlite3_value** args) {
    auto text = [](sqlite3_value* v) {
      const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
      return p != nullptr ? std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(v)))
                          : std::string_view();
    };
    auto fn = reinterpret_cast<TextPairFunction>(sqlite3_user_data(context));
    sqlite3_result_int64(context, fn(text(args[0]), text(args[1])));
  };
  if (sqlite3_create_function_v2(db_, name.c_str(), 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                 reinterpret_cast<void*>(f), call, nullptr, nullptr, nullptr) != SQLITE_OK)
    return fail(ErrorCode::storage, fmt::format("cannot add the SQL function {}: {}", name, last_error()));
  return {};
}

Result<void> Db::add_text_function(const std::string& name, TextListFunction f) {
  auto call = [](sqlite3_context* context, int argc, sqlite3_value** args) {
    std::vector<std::string_view> values;
    values.reserve(static_cast<std::size_t>(argc));
    for (int i = 0; i < argc; ++i) {
      // sqlite3_value_text may convert the value in place: take the bytes after it.
      const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(args[i]));
      values.push_back(p != nullptr ? std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(args[i])))
                                    : std::string_view());
    }
    auto fn = reinterpret_cast<TextListFunction>(sqlite3_user_data(context));
    std::string out = fn(values);
    sqlite3_result_text64(context, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  };
  if (sqlite3_create_function_v2(db_, name.c_str(), -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                 reinterpret_cast<void*>(f), call, nullptr, nullptr, nullptr) != SQLITE_OK)
    return fail(ErrorCode::storage, fmt::format("cannot add the SQL function {}: {}", name, last_error()));
  return {};
}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = other.db_;
    other.db_ = nullptr;
  }
  return *this;
}

Db::~Db() { sqlite3_close_v2(db_); }

Result<void> Db::exec(std::string_view sql) {
  char* err = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err != nullptr ? err : "unknown error";
    sqlite3_free(err);
    return fail(ErrorCode::storage, fmt::format("SQLite: {}", msg));
  }
  return {};
}

Result<Statement> Db::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return fail(ErrorCode::storage, fmt::format("SQLite: {} in: {}", sqlite3_errmsg(db_), sql));
  }
  return Statement(stmt);
}

std::int64_t Db::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
std::int64_t Db::changes() const { return sqlite3_changes64(db_); }
void Db::reset_statements() {
  for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s != nullptr; s = sqlite3_next_stmt(db_, s))
    if (sqlite3_stmt_busy(s) != 0) sqlite3_reset(s);
}

std::string Db::last_error() const { return sqlite3_errmsg(db_); }

}  // namespace ward::store

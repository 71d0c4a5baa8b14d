// SqliteStore's side of Ward's own accounts, their browser sessions and the API token list
// (migration 0016). Passwords and session secrets arrive already hashed (src/api/accounts.h).
#include <fmt/format.h>

#include "store/sqlite_store.h"

namespace ward::store {
namespace {

constexpr std::string_view kAccountColumns =
    "a.id, a.username, a.display_name, a.role, a.password_hash, a.disabled, a.failed_logins, "
    "a.locked_until_ns, a.created_ns, a.changed_ns";

// The account in columns first..first+9 of `s` (kAccountColumns' order).
AccountRecord read_account(const Statement& s, int first = 0) {
  AccountRecord a;
  a.id = s.column_int(first);
  a.username = s.column_text(first + 1);
  a.display_name = s.column_text(first + 2);
  a.role = s.column_text(first + 3);
  a.password_hash = s.column_text(first + 4);
  a.disabled = s.column_int(first + 5) != 0;
  a.failed_logins = static_cast<int>(s.column_int(first + 6));
  a.locked_until = s.column_int(first + 7);
  a.created = s.column_int(first + 8);
  a.changed = s.column_int(first + 9);
  return a;
}

Result<std::optional<AccountRecord>> find_account(Db& db, std::string_view username) {
  auto s = db.prepare(fmt::format("SELECT {} FROM accounts a WHERE a.username = ?", kAccountColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, username);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<AccountRecord>();
  return std::optional<AccountRecord>(read_account(*s));
}

// Runs `sql` with `id` bound to ?1 (and `value` to ?2 unless nullopt).
Result<void> run_with_id(Db& db, std::string_view sql, std::int64_t id, std::optional<std::int64_t> value = {}) {
  auto s = db.prepare(sql);
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  if (value) s->bind(2, *value);
  return s->run();
}

}  // namespace

Result<std::vector<TokenListing>> SqliteStore::tokens() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(
      "SELECT id, role, coalesce(label, ''), created_ns, coalesce(revoked_ns, 0) FROM api_tokens "
      "ORDER BY id DESC");
  if (!s) return Unexpected(s.error());
  std::vector<TokenListing> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out.push_back({s->column_int(0), std::string(s->column_text(1)), std::string(s->column_text(2)),
                   s->column_int(3), s->column_int(4)});
  }
  return out;
}

Result<void> SqliteStore::revoke_token(std::int64_t id, TimeNs time) {
  std::lock_guard lock(write_mu_);
  if (auto r = run_with_id(writer_, "UPDATE api_tokens SET revoked_ns = coalesce(revoked_ns, ?2) WHERE id = ?1",
                           id, time); !r)
    return r;
  if (writer_.changes() == 0) return fail(ErrorCode::not_found, fmt::format("there is no token {}", id), "id");
  return {};
}

Result<std::int64_t> SqliteStore::add_account(const AccountRecord& a) {
  std::lock_guard lock(write_mu_);
  return in_transaction<std::int64_t>(writer_, [&]() -> Result<std::int64_t> {
    auto existing = find_account(writer_, a.username);
    if (!existing) return Unexpected(existing.error());
    if (*existing)
      return fail(ErrorCode::invalid_input, fmt::format("there is already an account \"{}\"", a.username),
                  "username");
    auto s = writer_.prepare(
        "INSERT INTO accounts (username, display_name, role, password_hash, disabled, created_ns, changed_ns) "
        "VALUES (?, coalesce(?, ''), ?, ?, ?, ?, ?)");
    if (!s) return Unexpected(s.error());
    s->bind(1, a.username);
    s->bind(2, a.display_name);
    s->bind(3, a.role);
    s->bind(4, a.password_hash);
    s->bind(5, std::int64_t{a.disabled ? 1 : 0});
    s->bind(6, a.created);
    s->bind(7, a.created);
    if (auto r = s->run(); !r) return Unexpected(r.error());
    return writer_.last_insert_rowid();
  });
}

Result<std::optional<AccountRecord>> SqliteStore::account(std::string_view username) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  return find_account(r->db(), username);
}

Result<std::vector<AccountRecord>> SqliteStore::accounts() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format("SELECT {} FROM accounts a ORDER BY a.username", kAccountColumns));
  if (!s) return Unexpected(s.error());
  std::vector<AccountRecord> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out.push_back(read_account(*s));
  }
  return out;
}

Result<AccountRecord> SqliteStore::change_account(const AccountChange& c) {
  std::lock_guard lock(write_mu_);
  return in_transaction<AccountRecord>(writer_, [&]() -> Result<AccountRecord> {
    auto found = find_account(writer_, c.username);
    if (!found) return Unexpected(found.error());
    if (!*found)
      return fail(ErrorCode::not_found, fmt::format("there is no account \"{}\"", c.username), "username");
    AccountRecord a = std::move(**found);
    if (c.role) a.role = *c.role;
    if (c.display_name) a.display_name = *c.display_name;
    if (c.password_hash) a.password_hash = *c.password_hash;
    if (c.disabled) a.disabled = *c.disabled;
    if (c.unlock) a.failed_logins = 0, a.locked_until = 0;
    a.changed = c.time;
    auto s = writer_.prepare(
        "UPDATE accounts SET role = ?2, display_name = coalesce(?3, ''), password_hash = ?4, disabled = ?5, "
        "failed_logins = ?6, locked_until_ns = ?7, changed_ns = ?8 WHERE id = ?1");
    if (!s) return Unexpected(s.error());
    s->bind(1, a.id);
    s->bind(2, a.role);
    s->bind(3, a.display_name);
    s->bind(4, a.password_hash);
    s->bind(5, std::int64_t{a.disabled ? 1 : 0});
    s->bind(6, std::int64_t{a.failed_logins});
    s->bind(7, a.locked_until);
    s->bind(8, a.changed);
    if (auto r = s->run(); !r) return Unexpected(r.error());
    if (a.disabled || c.password_hash)
      if (auto r = run_with_id(writer_, "DELETE FROM sessions WHERE account_id = ?1", a.id); !r)
        return Unexpected(r.error());
    return a;
  });
}

Result<TimeNs> SqliteStore::note_login_failure(std::int64_t id, TimeNs time, int max_failures, TimeNs lock_for) {
  std::lock_guard lock(write_mu_);
  return in_transaction<TimeNs>(writer_, [&]() -> Result<TimeNs> {
    auto s = writer_.prepare(
        "UPDATE accounts SET "
        "locked_until_ns = CASE WHEN failed_logins + 1 >= ?2 THEN ?3 ELSE locked_until_ns END, "
        "failed_logins = CASE WHEN failed_logins + 1 >= ?2 THEN 0 ELSE failed_logins + 1 END "
        "WHERE id = ?1 RETURNING locked_until_ns");
    if (!s) return Unexpected(s.error());
    s->bind(1, id);
    s->bind(2, std::int64_t{max_failures});
    s->bind(3, time + lock_for);
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return fail(ErrorCode::not_found, fmt::format("there is no account {}", id));
    TimeNs until = s->column_int(0);
    if (auto done = s->step(); !done) return Unexpected(done.error());
    return until > time ? until : TimeNs{0};
  });
}

Result<void> SqliteStore::note_login_success(std::int64_t id) {
  std::lock_guard lock(write_mu_);
  return run_with_id(writer_, "UPDATE accounts SET failed_logins = 0 WHERE id = ?1 AND failed_logins != 0", id);
}

Result<void> SqliteStore::add_session(const SessionRecord& se) {
  std::lock_guard lock(write_mu_);
  return in_transaction<void>(writer_, [&]() -> Result<void> {
    auto prune = writer_.prepare(
        "DELETE FROM sessions WHERE expires_ns <= ?1 OR last_seen_ns + idle_ns <= ?1");
    if (!prune) return Unexpected(prune.error());
    prune->bind(1, se.created);
    if (auto r = prune->run(); !r) return r;
    auto s = writer_.prepare(
        "INSERT INTO sessions (secret_hash, csrf_token, account_id, created_ns, last_seen_ns, idle_ns, expires_ns) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!s) return Unexpected(s.error());
    s->bind(1, se.secret_hash);
    s->bind(2, se.csrf_token);
    s->bind(3, se.account_id);
    s->bind(4, se.created);
    s->bind(5, se.last_seen);
    s->bind(6, se.idle);
    s->bind(7, se.expires);
    return s->run();
  });
}

Result<std::optional<AccountSession>> SqliteStore::session(std::string_view secret_hash) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format(
      "SELECT s.id, s.secret_hash, s.csrf_token, s.account_id, s.created_ns, s.last_seen_ns, s.idle_ns, "
      "s.expires_ns, {} FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.secret_hash = ?",
      kAccountColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, secret_hash);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<AccountSession>();
  AccountSession out;
  out.session = {s->column_int(0), std::string(s->column_text(1)), std::string(s->column_text(2)),
                 s->column_int(3), s->column_int(4), s->column_int(5), s->column_int(6), s->column_int(7)};
  out.account = read_account(*s, 8);
  return std::optional<AccountSession>(std::move(out));
}

Result<void> SqliteStore::touch_session(std::int64_t id, TimeNs time) {
  std::lock_guard lock(write_mu_);
  return run_with_id(writer_, "UPDATE sessions SET last_seen_ns = max(last_seen_ns, ?2) WHERE id = ?1", id, time);
}

Result<void> SqliteStore::delete_session(std::int64_t id) {
  std::lock_guard lock(write_mu_);
  return run_with_id(writer_, "DELETE FROM sessions WHERE id = ?1", id);
}

}  // namespace ward::store

// SqliteStore: Ward's own audit trail (api_audit), a hash chain (audit_chain.h, migration 0017).
// An append reads the chain's head and writes the entry after it in one write transaction
// (BEGIN IMMEDIATE), so appends from the API's threads and from a CLI beside `ward serve` are
// serialised by SQLite's write lock and never fork the chain.
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "store/audit_chain.h"
#include "store/sqlite_store.h"

namespace ward::store {
namespace {

constexpr std::string_view kAuditColumns =
    "coalesce(seq, 0), time_ns, token_id, method, route, coalesce(subject, ''), status, "
    "coalesce(actor, ''), coalesce(action, ''), coalesce(client_address, ''), "
    "coalesce(prev_hash, ''), coalesce(hash, '')";

AuditRecord read_audit_row(const Statement& s) {
  AuditRecord r;
  r.seq = s.column_int(0);
  r.entry = {s.column_int(1), s.column_int(2), std::string(s.column_text(3)), std::string(s.column_text(4)),
             std::string(s.column_text(5)), static_cast<int>(s.column_int(6)), std::string(s.column_text(7)),
             std::string(s.column_text(8)), std::string(s.column_text(9))};
  r.prev_hash = s.column_text(10);
  r.hash = s.column_text(11);
  return r;
}

// Calls f for each row `s` yields; stops at f's first error.
Result<void> for_each_row(Statement& s, const std::function<Result<void>(const AuditRecord&)>& f) {
  while (true) {
    auto row = s.step();
    if (!row) return Unexpected(row.error());
    if (!*row) return {};
    if (auto r = f(read_audit_row(s)); !r) return r;
  }
}

}  // namespace

Result<std::vector<AuditRecord>> SqliteStore::append_audit_entries(std::span<const ApiAuditEntry* const> entries) {
  std::lock_guard lock(write_mu_);
  return in_transaction<std::vector<AuditRecord>>(writer_, [&]() -> Result<std::vector<AuditRecord>> {
    std::int64_t seq = 0;
    std::string prev(kAuditGenesisHash);
    {
      auto head = writer_.prepare(
          "SELECT seq, coalesce(hash, '') FROM api_audit WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1");
      if (!head) return Unexpected(head.error());
      auto row = head->step();
      if (!row) return Unexpected(row.error());
      if (*row) {
        seq = head->column_int(0);
        prev = head->column_text(1);
      }
    }
    auto s = writer_.prepare(
        "INSERT INTO api_audit (time_ns, token_id, method, route, subject, status, actor, action, "
        "client_address, seq, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s) return Unexpected(s.error());
    std::vector<AuditRecord> out;
    out.reserve(entries.size());
    for (const ApiAuditEntry* e : entries) {
      AuditRecord& r = out.emplace_back(AuditRecord{++seq, *e, prev, {}});
      r.hash = audit_entry_hash(r.prev_hash, r.entry);
      s->reset();
      s->bind(1, r.entry.time);
      s->bind(2, r.entry.token_id);
      s->bind(3, r.entry.method);
      s->bind(4, r.entry.route);
      s->bind(5, r.entry.subject);
      s->bind(6, static_cast<std::int64_t>(r.entry.status));
      s->bind(7, r.entry.actor);
      s->bind(8, r.entry.action);
      s->bind(9, r.entry.client_address);
      s->bind(10, r.seq);
      s->bind(11, r.prev_hash);
      s->bind(12, r.hash);
      if (auto done = s->run(); !done) return Unexpected(done.error());
      prev = r.hash;
    }
    return out;
  });
}

Result<AuditRecord> SqliteStore::append_audit_entry(const ApiAuditEntry& e) {
  const ApiAuditEntry* one[] = {&e};
  auto appended = append_audit_entries(one);
  if (!appended) return Unexpected(appended.error());
  return std::move(appended->front());
}

Result<void> SqliteStore::record_api_request(const ApiAuditEntry& e) {
  auto appended = append_audit_entry(e);
  if (!appended) return Unexpected(appended.error());
  return {};
}

Result<void> SqliteStore::record_cli_command(const CliAuditEntry& e) {
  // No token has id 0 (ids start at 1): the actor says who.
  return record_api_request({e.time, 0, "CLI", e.command, e.subject, e.exit_status, e.actor, "E", ""});
}

Result<std::vector<ApiAuditEntry>> SqliteStore::api_requests_about(std::string_view subject, int limit) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format("SELECT {} FROM api_audit WHERE subject = ? "
                                       "ORDER BY time_ns DESC, id DESC LIMIT ?", kAuditColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, subject);
  s->bind(2, static_cast<std::int64_t>(std::clamp(limit, 1, 10000)));
  std::vector<ApiAuditEntry> out;
  if (auto done = for_each_row(*s, [&](const AuditRecord& a) -> Result<void> {
        out.push_back(a.entry);
        return {};
      });
      !done)
    return Unexpected(done.error());
  return out;
}

Result<AuditPage> SqliteStore::audit_trail(const AuditQuery& q) {
  std::int64_t before = std::numeric_limits<std::int64_t>::max();
  if (!q.cursor.empty()) {
    auto [end, ec] = std::from_chars(q.cursor.data(), q.cursor.data() + q.cursor.size(), before);
    if (ec != std::errc() || end != q.cursor.data() + q.cursor.size() || before < 1)
      return fail(ErrorCode::invalid_input, "cursor: not one this server gave", "cursor");
  }
  const int limit = std::clamp(q.limit, 1, 1000);
  std::string sql = fmt::format("SELECT {} FROM api_audit WHERE seq < ?1 AND time_ns >= ?2 AND time_ns < ?3",
                                kAuditColumns);
  if (!q.subject.empty()) sql += " AND subject = ?4";
  if (!q.actor.empty())
    sql += " AND (coalesce(actor, '') = ?5 OR (coalesce(actor, '') = '' AND 'token:' || token_id = ?5))";
  sql += " ORDER BY seq DESC LIMIT ?6";
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(sql);
  if (!s) return Unexpected(s.error());
  s->bind(1, before);
  s->bind(2, q.from);
  s->bind(3, q.to);
  if (!q.subject.empty()) s->bind(4, q.subject);
  if (!q.actor.empty()) s->bind(5, q.actor);
  s->bind(6, static_cast<std::int64_t>(limit) + 1);  // one more says whether a page follows
  AuditPage page;
  if (auto done = for_each_row(*s, [&](const AuditRecord& a) -> Result<void> {
        page.records.push_back(a);
        return {};
      });
      !done)
    return Unexpected(done.error());
  if (page.records.size() > static_cast<std::size_t>(limit)) {
    page.records.resize(static_cast<std::size_t>(limit));
    page.next_cursor = std::to_string(page.records.back().seq);
  }
  return page;
}

Result<void> SqliteStore::for_each_audit_record(std::int64_t after_seq,
                                                const std::function<Result<void>(const AuditRecord&)>& f) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format("SELECT {} FROM api_audit WHERE ?1 = 0 OR seq > ?1 "
                                       "ORDER BY seq IS NULL, seq, id", kAuditColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, after_seq);
  return for_each_row(*s, f);
}

Result<std::optional<AuditRecord>> SqliteStore::audit_record_with_hash(std::string_view hash) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format("SELECT {} FROM api_audit WHERE hash = ? ORDER BY seq LIMIT 1", kAuditColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, hash);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<AuditRecord>{};
  return std::optional<AuditRecord>(read_audit_row(*s));
}

}  // namespace ward::store

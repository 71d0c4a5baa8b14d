// The read side of SqliteStore: event pages, directory look-ups, counts, quarantine, tokens.
#include <charconv>

#include <fmt/format.h>

#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace ward::store {
namespace {

// Cursor "<time_ns>.<seq>" of the last row of a page.
bool parse_cursor(std::string_view c, TimeNs& time, std::int64_t& seq) {
  auto dot = c.find('.');
  if (dot == std::string_view::npos) return false;
  auto a = std::from_chars(c.data(), c.data() + dot, time);
  auto b = std::from_chars(c.data() + dot + 1, c.data() + c.size(), seq);
  return a.ec == std::errc() && a.ptr == c.data() + dot && b.ec == std::errc() &&
         b.ptr == c.data() + c.size();
}

// Runs a look-up whose three parameters are all the id (id = ? OR alias = ? ORDER BY id = ?);
// true when it found a row, which `stmt` then holds.
Result<bool> find_by_alias(Result<Statement>& stmt, std::string_view id) {
  if (!stmt) return Unexpected(stmt.error());
  for (int i = 1; i <= 3; ++i) stmt->bind(i, id);
  return stmt->step();
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ",?";
  return out;
}

}  // namespace

SqliteStore::Reader::~Reader() {
  std::lock_guard lock(store_.readers_mu_);
  if (store_.idle_readers_.size() < kMaxIdleReaders) store_.idle_readers_.push_back(std::move(db_));
}

Result<SqliteStore::Reader> SqliteStore::reader() {
  {
    std::lock_guard lock(readers_mu_);
    if (!idle_readers_.empty()) {
      auto db = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return Result<Reader>(tl::in_place, *this, std::move(db));
    }
  }
  auto db = Db::open(file_, /*read_only=*/true);
  if (!db) return Unexpected(db.error());
  return Result<Reader>(tl::in_place, *this, std::make_unique<Db>(std::move(*db)));
}

Result<std::vector<std::int64_t>> SqliteStore::alias_keys(Db& db, std::string_view alias_sql,
                                                          std::string_view id) {
  std::vector<std::string> names{std::string(id)};
  auto aliases = db.prepare(alias_sql);
  if (!aliases) return Unexpected(aliases.error());
  aliases->bind(1, id);
  aliases->bind(2, id);
  while (true) {
    auto row = aliases->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    for (int c = 0; c < 2; ++c) {
      std::string v(aliases->column_text(c));
      if (!v.empty() && std::find(names.begin(), names.end(), v) == names.end()) names.push_back(v);
    }
  }
  std::vector<std::int64_t> keys;
  auto lookup = db.prepare("SELECT id FROM strings WHERE value = ?");
  if (!lookup) return Unexpected(lookup.error());
  for (const auto& n : names) {
    lookup->reset();
    lookup->bind(1, n);
    auto row = lookup->step();
    if (!row) return Unexpected(row.error());
    if (*row) keys.push_back(lookup->column_int(0));
  }
  return keys;
}

Result<EventPage> SqliteStore::find_events(const EventQuery& q) {
  TimeNs cursor_time = 0;
  std::int64_t cursor_seq = 0;
  bool has_cursor = !q.cursor.empty();
  if (has_cursor && !parse_cursor(q.cursor, cursor_time, cursor_seq))
    return fail(ErrorCode::invalid_input, "cursor is not one this server handed out", "cursor");
  auto r = reader();
  if (!r) return Unexpected(r.error());
  Db& db = r->db();

  std::string where = "WHERE e.time_ns >= ? AND e.time_ns < ?";
  std::vector<std::int64_t> user_keys, patient_keys;
  if (!q.user.empty()) {
    auto keys = alias_keys(db, "SELECT id, employee_id FROM workforce WHERE id = ? OR employee_id = ?", q.user);
    if (!keys) return Unexpected(keys.error());
    user_keys = std::move(*keys);
    if (user_keys.empty()) return EventPage{};
    where += fmt::format(" AND e.user_key IN ({})", placeholders(user_keys.size()));
  }
  if (!q.patient.empty()) {
    auto keys = alias_keys(db, "SELECT id, mrn FROM patients WHERE id = ? OR mrn = ?", q.patient);
    if (!keys) return Unexpected(keys.error());
    patient_keys = std::move(*keys);
    if (patient_keys.empty()) return EventPage{};
    where += fmt::format(" AND (e.patient_key IN ({0}) OR e.mrn_key IN ({0}))",
                         placeholders(patient_keys.size()));
  }
  if (has_cursor) where += " AND (e.time_ns < ? OR (e.time_ns = ? AND e.seq < ?))";
  int limit = std::clamp(q.limit, 1, 1000);
  std::string sql = fmt::format("SELECT {} {} ORDER BY e.time_ns DESC, e.seq DESC LIMIT {}",
                                kExplainedEventColumns, where, limit + 1);
  auto stmt = db.prepare(sql);
  if (!stmt) return Unexpected(stmt.error());
  int i = 1;
  stmt->bind(i++, q.from);
  stmt->bind(i++, q.to);
  for (auto k : user_keys) stmt->bind(i++, k);
  for (int pass = 0; pass < 2 && !patient_keys.empty(); ++pass)
    for (auto k : patient_keys) stmt->bind(i++, k);
  if (has_cursor) {
    stmt->bind(i++, cursor_time);
    stmt->bind(i++, cursor_time);
    stmt->bind(i++, cursor_seq);
  }
  EventPage page;
  while (true) {
    auto row = stmt->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    if (static_cast<int>(page.rows.size()) == limit) {
      const EventRow& last = page.rows.back();
      page.next_cursor = fmt::format("{}.{}", last.time, last.seq);
      break;
    }
    page.rows.push_back(read_event_row(*stmt));
  }
  return page;
}

Result<std::optional<PatientRecord>> SqliteStore::find_patient(std::string_view id) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format(
      "SELECT {} FROM patients WHERE id = ? OR mrn = ? ORDER BY id = ? DESC LIMIT 1",
      kPatientColumns));
  auto row = find_by_alias(s, id);
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<PatientRecord>{};
  PatientRecord p = read_patient_row(*s);
  return std::optional<PatientRecord>(std::move(p));
}

Result<std::optional<WorkforceMember>> SqliteStore::find_workforce(std::string_view id) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format(
      "SELECT {} FROM workforce WHERE id = ? OR employee_id = ? ORDER BY id = ? DESC LIMIT 1",
      kWorkforceColumns));
  auto row = find_by_alias(s, id);
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<WorkforceMember>{};
  WorkforceMember w = read_workforce_row(*s);
  return std::optional<WorkforceMember>(std::move(w));
}

Result<std::vector<EncounterRecord>> SqliteStore::encounters_of_patient(std::string_view patient_id) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format(
      "SELECT {} FROM encounters WHERE patient_id = ? ORDER BY start_ns DESC", kEncounterColumns));
  auto parts = r->db().prepare(
      "SELECT user_id, role FROM encounter_participants WHERE encounter_id = ?");
  if (!s) return Unexpected(s.error());
  if (!parts) return Unexpected(parts.error());
  s->bind(1, patient_id);
  std::vector<EncounterRecord> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    EncounterRecord e = read_encounter_row(*s);
    parts->reset();
    parts->bind(1, e.id);
    while (true) {
      auto p = parts->step();
      if (!p) return Unexpected(p.error());
      if (!*p) break;
      e.participants.push_back({std::string(parts->column_text(0)), std::string(parts->column_text(1))});
    }
    out.push_back(std::move(e));
  }
  return out;
}

Result<StoreCounts> SqliteStore::counts() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(
      "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM patients), "
      "(SELECT count(*) FROM workforce), (SELECT count(*) FROM encounters), "
      "(SELECT count(*) FROM quarantine)");
  if (!s) return Unexpected(s.error());
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  StoreCounts c;
  c.events = static_cast<std::uint64_t>(s->column_int(0));
  c.patients = static_cast<std::uint64_t>(s->column_int(1));
  c.workforce = static_cast<std::uint64_t>(s->column_int(2));
  c.encounters = static_cast<std::uint64_t>(s->column_int(3));
  c.quarantined = static_cast<std::uint64_t>(s->column_int(4));
  return c;
}

Result<std::vector<QuarantineRow>> SqliteStore::quarantined(int limit) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(
      "SELECT id, received_ns, source, coalesce(line, 0), coalesce(byte_offset, 0), field, code, "
      "reason, record_type FROM quarantine ORDER BY id DESC LIMIT ?");
  if (!s) return Unexpected(s.error());
  s->bind(1, static_cast<std::int64_t>(std::clamp(limit, 1, 10000)));
  std::vector<QuarantineRow> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    QuarantineRow q;
    q.id = s->column_int(0);
    q.received = s->column_int(1);
    q.source = s->column_text(2);
    q.line = static_cast<std::uint64_t>(s->column_int(3));
    q.offset = static_cast<std::uint64_t>(s->column_int(4));
    q.field = s->column_text(5);
    q.code = s->column_text(6);
    q.reason = s->column_text(7);
    q.record_type = s->column_text(8);
    out.push_back(std::move(q));
  }
  return out;
}

Result<void> SqliteStore::add_token(std::string_view hash, std::string_view role,
                                    std::string_view label) {
  std::lock_guard lock(write_mu_);
  auto s = writer_.prepare(
      "INSERT INTO api_tokens (token_hash, role, label, created_ns) VALUES (?,?,?,?)");
  if (!s) return Unexpected(s.error());
  s->bind(1, hash);
  s->bind(2, role);
  s->bind(3, label);
  s->bind(4, now_ns());
  return s->run();
}

Result<std::optional<TokenRecord>> SqliteStore::find_token(std::string_view hash) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(
      "SELECT id, role, label, created_ns, revoked_ns IS NOT NULL FROM api_tokens "
      "WHERE token_hash = ?");
  if (!s) return Unexpected(s.error());
  s->bind(1, hash);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<TokenRecord>{};
  TokenRecord t;
  t.id = s->column_int(0);
  t.role = s->column_text(1);
  t.label = s->column_text(2);
  t.created = s->column_int(3);
  t.revoked = s->column_int(4) != 0;
  return std::optional<TokenRecord>(std::move(t));
}

Result<std::uint64_t> SqliteStore::count_tokens() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare("SELECT count(*) FROM api_tokens WHERE revoked_ns IS NULL");
  if (!s) return Unexpected(s.error());
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  return static_cast<std::uint64_t>(s->column_int(0));
}

}  // namespace ward::store

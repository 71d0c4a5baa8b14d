// SqliteStore's side of detection alerts (migration 0008): adding what the Sigma engine raised,
// without duplicates, reading them back newest first with filters and paging, and changing
// their status with a history (migration 0010).
#include <array>

#include <fmt/format.h>

#include "store/sqlite_store.h"

namespace ward::store {
namespace {


constexpr std::string_view kAlertColumns =
    "id, rule_id, rule_title, level, kind, event_ns, detected_ns, source, event_ref, "
    "coalesce(host, ''), coalesce(user_id, ''), matched, coalesce(raw, ''), status, "
    "coalesce(resolution, ''), coalesce(tags, '')";

AlertRecord read_alert_row(const Statement& s) {
  AlertRecord a;
  a.id = s.column_int(0);
  a.rule_id = s.column_text(1);
  a.rule_title = s.column_text(2);
  a.level = s.column_text(3);
  a.kind = s.column_text(4);
  a.event_time = s.column_int(5);
  a.detected = s.column_int(6);
  a.source = s.column_text(7);
  a.event_ref = s.column_text(8);
  a.host = s.column_text(9);
  a.user_id = s.column_text(10);
  a.matched = s.column_text(11);
  a.raw = s.column_text(12);
  a.status = s.column_text(13);
  a.resolution = s.column_text(14);
  a.tags = s.column_text(15);
  return a;
}

}  // namespace

int alert_level_rank(std::string_view level) {
  for (std::size_t i = 0; i < kAlertLevels.size(); ++i)
    if (kAlertLevels[i] == level) return static_cast<int>(i);
  return -1;
}

Result<std::uint64_t> SqliteStore::add_alerts(const std::vector<AlertRecord>& alerts) {
  if (alerts.empty()) return std::uint64_t{0};
  std::lock_guard lock(write_mu_);
  auto s = writer_.prepare(
      "INSERT OR IGNORE INTO alerts (rule_id, rule_title, level, kind, event_ns, detected_ns, "
      "source, event_ref, host, user_id, matched, raw, status, tags) VALUES (coalesce(?1, ''), "
      "coalesce(?2, ?1, ''), coalesce(?3, 'medium'), coalesce(?4, 'rule'), ?5, ?6, "
      "coalesce(?7, ''), coalesce(?8, ''), ?9, ?10, coalesce(?11, '{}'), ?12, "
      "coalesce(?13, 'open'), ?14)");
  if (!s) return Unexpected(s.error());
  if (auto r = writer_.exec("BEGIN IMMEDIATE"); !r) return Unexpected(r.error());
  std::uint64_t added = 0;
  for (const AlertRecord& a : alerts) {
    s->bind(1, a.rule_id);
    s->bind(2, a.rule_title);
    s->bind(3, a.level);
    s->bind(4, a.kind);
    s->bind(5, a.event_time);
    s->bind(6, a.detected);
    s->bind(7, a.source);
    s->bind(8, a.event_ref);
    s->bind(9, a.host);
    s->bind(10, a.user_id);
    s->bind(11, a.matched);
    s->bind(12, a.raw);
    s->bind(13, a.status);
    s->bind(14, a.tags);
    if (auto r = s->run(); !r) {
      (void)writer_.exec("ROLLBACK");
      return Unexpected(r.error());
    }
    added += static_cast<std::uint64_t>(writer_.changes());
    s->reset();
  }
  if (auto r = writer_.exec("COMMIT"); !r) {
    (void)writer_.exec("ROLLBACK");
    return Unexpected(r.error());
  }
  return added;
}

Result<std::vector<AlertRecord>> SqliteStore::alerts(const AlertQuery& q) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  std::string where = "1";
  if (!q.level.empty()) where += " AND level = ?1";
  if (!q.min_level.empty()) {
    // Levels at or above min_level, spelled out so the level index serves it.
    const int rank = alert_level_rank(q.min_level);
    std::string in;
    for (std::size_t i = rank < 0 ? kAlertLevels.size() : static_cast<std::size_t>(rank);
         i < kAlertLevels.size(); ++i)
      in += fmt::format("{}'{}'", in.empty() ? "" : ",", kAlertLevels[i]);
    where += in.empty() ? " AND 0" : " AND level IN (" + in + ")";
  }
  if (!q.rule_id.empty()) where += " AND rule_id = ?2";
  if (!q.status.empty()) where += " AND status = ?3";
  if (q.from != 0) where += " AND event_ns >= ?4";
  if (q.to != 0) where += " AND event_ns < ?5";
  if (q.before_id != 0) where += " AND (event_ns < ?8 OR (event_ns = ?8 AND id < ?6))";
  auto s = r->db().prepare(fmt::format(
      "SELECT {} FROM alerts WHERE {} ORDER BY event_ns DESC, id DESC LIMIT ?7", kAlertColumns,
      where));
  if (!s) return Unexpected(s.error());
  if (!q.level.empty()) s->bind(1, q.level);
  if (!q.rule_id.empty()) s->bind(2, q.rule_id);
  if (!q.status.empty()) s->bind(3, q.status);
  if (q.from != 0) s->bind(4, q.from);
  if (q.to != 0) s->bind(5, q.to);
  if (q.before_id != 0) {
    s->bind(6, q.before_id);
    s->bind(8, q.before_time);
  }
  s->bind(7, static_cast<std::int64_t>(q.limit));
  std::vector<AlertRecord> out;
  for (;;) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out.push_back(read_alert_row(*s));
  }
  return out;
}

Result<std::optional<AlertRecord>> SqliteStore::alert(std::int64_t id) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format("SELECT {} FROM alerts WHERE id = ?", kAlertColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<AlertRecord>();
  return std::optional<AlertRecord>(read_alert_row(*s));
}

Result<void> SqliteStore::change_alert_status(const AlertChange& c) {
  std::lock_guard lock(write_mu_);
  return in_transaction<void>(writer_, [&]() -> Result<void> {
    auto update = writer_.prepare("UPDATE alerts SET status = ?, resolution = ? WHERE id = ? AND status = ?");
    if (!update) return Unexpected(update.error());
    update->bind(1, c.to_status);
    update->bind(2, c.resolution);
    update->bind(3, c.alert_id);
    update->bind(4, c.from_status);
    if (auto r = update->run(); !r) return r;
    if (writer_.changes() == 0) {
      auto now = writer_.prepare("SELECT status FROM alerts WHERE id = ?");
      if (!now) return Unexpected(now.error());
      now->bind(1, c.alert_id);
      auto row = now->step();
      if (!row) return Unexpected(row.error());
      if (!*row) return fail(ErrorCode::not_found, fmt::format("there is no alert {}", c.alert_id));
      return fail(ErrorCode::invalid_input,
                  fmt::format("alert {} is {} now, not {}: someone changed it meanwhile; look at it "
                              "again", c.alert_id, now->column_text(0), c.from_status));
    }
    auto history = writer_.prepare(
        "INSERT INTO alert_changes (alert_id, time_ns, actor, from_status, to_status, resolution, "
        "comment) VALUES (?,?,?,?,?,?,?)");
    if (!history) return Unexpected(history.error());
    history->bind(1, c.alert_id);
    history->bind(2, c.time);
    history->bind(3, c.actor);
    history->bind(4, c.from_status);
    history->bind(5, c.to_status);
    history->bind(6, c.resolution);
    history->bind(7, c.comment);
    return history->run();
  });
}

Result<std::vector<AlertChange>> SqliteStore::alert_history(std::int64_t alert_id) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(
      "SELECT id, alert_id, time_ns, actor, from_status, to_status, coalesce(resolution, ''), "
      "coalesce(comment, '') FROM alert_changes WHERE alert_id = ? ORDER BY id");
  if (!s) return Unexpected(s.error());
  s->bind(1, alert_id);
  std::vector<AlertChange> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    AlertChange c;
    c.id = s->column_int(0);
    c.alert_id = s->column_int(1);
    c.time = s->column_int(2);
    c.actor = s->column_text(3);
    c.from_status = s->column_text(4);
    c.to_status = s->column_text(5);
    c.resolution = s->column_text(6);
    c.comment = s->column_text(7);
    out.push_back(std::move(c));
  }
}

}  // namespace ward::store

// The overview's aggregates (store.h, "overview aggregates"): events per input and per day, and
// the tallies of cases and alerts. Counted in SQL on a reader connection; nothing is listed.
#include <map>

#include "core/time.h"
#include "store/sqlite_store.h"

namespace ward::store {

namespace {

// The rows of `sql` (two texts and a count) as T{text, text, count}.
template <typename T>
Result<std::vector<T>> tally(Db& db, std::string_view sql) {
  auto s = db.prepare(sql);
  if (!s) return Unexpected(s.error());
  std::vector<T> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back({std::string(s->column_text(0)), std::string(s->column_text(1)),
                   static_cast<std::uint64_t>(s->column_int(2))});
  }
}

}  // namespace

Result<std::vector<InputActivity>> SqliteStore::input_activity(std::int64_t days_from) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  Db& db = r->db();
  // One pass over the events for the totals (no index has the source first: import stays
  // fast), and a range of the time index for the days.
  auto totals = db.prepare(
      "SELECT coalesce(g.source_key, 0), coalesce((SELECT value FROM strings WHERE id = g.source_key), ''), "
      "g.n, g.first, g.last FROM (SELECT source_key, count(*) AS n, min(time_ns) AS first, "
      "max(time_ns) AS last FROM events GROUP BY source_key) g ORDER BY 2");
  if (!totals) return Unexpected(totals.error());
  std::vector<InputActivity> out;
  std::map<std::int64_t, std::size_t> index_of;  // source_key → position in out
  while (true) {
    auto row = totals->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    index_of[totals->column_int(0)] = out.size();
    InputActivity a;
    a.source = totals->column_text(1);
    a.events = static_cast<std::uint64_t>(totals->column_int(2));
    a.first = totals->column_int(3);
    a.last = totals->column_int(4);
    out.push_back(std::move(a));
  }
  auto days = db.prepare(
      "SELECT coalesce(source_key, 0), time_ns / ?1 AS day, count(*) FROM events "
      "WHERE time_ns >= ?2 GROUP BY 1, 2 ORDER BY 1, 2");
  if (!days) return Unexpected(days.error());
  days->bind(1, kNsPerDay);
  days->bind(2, days_from * kNsPerDay);
  while (true) {
    auto row = days->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    auto it = index_of.find(days->column_int(0));
    if (it == index_of.end()) continue;  // an input first seen after the totals were read
    out[it->second].per_day.emplace_back(days->column_int(1), static_cast<std::uint64_t>(days->column_int(2)));
  }
  return out;
}

Result<std::vector<CaseTally>> SqliteStore::case_tallies() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  return tally<CaseTally>(
      r->db(), "SELECT status, categories, count(*) FROM privacy_cases GROUP BY status, categories ORDER BY 1, 2");
}

Result<std::vector<AlertTally>> SqliteStore::alert_tallies() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  return tally<AlertTally>(r->db(), "SELECT level, status, count(*) FROM alerts GROUP BY level, status ORDER BY 1, 2");
}

}  // namespace ward::store

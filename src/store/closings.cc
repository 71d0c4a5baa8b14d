// Closed privacy cases and alerts with their closing times (closings.h).
#include "store/closings.h"

namespace ward::store {
namespace {

Result<std::vector<Closing>> read_closings(Db& db, std::string_view sql) {
  auto s = db.prepare(sql);
  if (!s) return Unexpected(s.error());
  std::vector<Closing> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back({s->column_int(0), s->column_int(1), s->column_int(2)});
  }
}

}  // namespace

Result<std::vector<Closing>> case_closings(Db& db) {
  return read_closings(
      db,
      "SELECT c.id, coalesce(c.last_ns, 0), max(h.time_ns) FROM privacy_cases c JOIN privacy_case_history h "
      "ON h.case_id = c.id AND h.to_status = c.status WHERE c.status IN ('confirmed', 'dismissed') GROUP BY c.id "
      "ORDER BY c.id");
}

Result<std::vector<Closing>> alert_closings(Db& db) {
  return read_closings(
      db,
      "SELECT a.id, a.detected_ns, max(ch.time_ns) FROM alerts a JOIN alert_changes ch "
      "ON ch.alert_id = a.id AND ch.to_status = 'closed' WHERE a.status = 'closed' GROUP BY a.id ORDER BY a.id");
}

}  // namespace ward::store

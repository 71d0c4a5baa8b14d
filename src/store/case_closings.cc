// Closed privacy cases and their closing times (case_closings.h).
#include "store/case_closings.h"

namespace ward::store {

Result<std::vector<CaseClosing>> case_closings(Db& db) {
  auto s = db.prepare(
      "SELECT c.id, coalesce(c.last_ns, 0), max(h.time_ns) FROM privacy_cases c JOIN privacy_case_history h "
      "ON h.case_id = c.id AND h.to_status = c.status WHERE c.status IN ('confirmed', 'dismissed') GROUP BY c.id "
      "ORDER BY c.id");
  if (!s) return Unexpected(s.error());
  std::vector<CaseClosing> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back({s->column_int(0), s->column_int(1), s->column_int(2)});
  }
}

}  // namespace ward::store

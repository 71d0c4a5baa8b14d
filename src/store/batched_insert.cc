#include "store/batched_insert.h"

#include <algorithm>

namespace ward::store {

Result<Statement*> BatchedInsert::statement_for(Db& db, int rows) {
  if (auto it = statements_.find(rows); it != statements_.end()) return &it->second;
  std::string row = "(";
  for (int c = 0; c < columns_; ++c) row += c == 0 ? "?" : ",?";
  row += ")";
  std::string sql = head_ + " VALUES ";
  for (int r = 0; r < rows; ++r) sql += r == 0 ? row : "," + row;
  sql += tail_;
  auto prepared = db.prepare(sql);
  if (!prepared) return Unexpected(prepared.error());
  return &statements_.emplace(rows, std::move(*prepared)).first->second;
}

Result<std::int64_t> BatchedInsert::insert(Db& db, std::size_t count, const BindRow& bind_row) {
  std::int64_t inserted = 0;
  for (std::size_t start = 0; start < count;) {
    const int rows = static_cast<int>(std::min<std::size_t>(count - start, static_cast<std::size_t>(rows_per_statement_)));
    auto statement = statement_for(db, rows);
    if (!statement) return Unexpected(statement.error());
    Statement& s = **statement;
    s.reset();
    for (int r = 0; r < rows; ++r) bind_row(s, 1 + r * columns_, start + static_cast<std::size_t>(r));
    if (auto done = s.run(); !done) return Unexpected(done.error());
    inserted += db.changes();
    start += static_cast<std::size_t>(rows);
  }
  return inserted;
}

}  // namespace ward::store

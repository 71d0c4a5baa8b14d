// Rows inserted many at a time: one `INSERT … VALUES (…), (…), …` statement for up to
// rows_per_statement rows, so SQLite's work per statement (step, reset, the program's set-up)
// is paid once per batch of rows rather than per row — about a third less CPU per row on the
// store's bulk writes: events on import, explanations after a privacy run (docs/benchmarks.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/error.h"
#include "store/sqlite_db.h"

namespace ward::store {

class BatchedInsert {
 public:
  // `head` names the table and columns ("INSERT INTO t (a, b)"), `columns` how many; `tail`
  // follows the values (" ON CONFLICT DO NOTHING", or "").
  BatchedInsert(std::string head, int columns, std::string tail, int rows_per_statement = 64)
      : head_(std::move(head)), tail_(std::move(tail)), columns_(columns), rows_per_statement_(rows_per_statement) {}

  // Binds a row: its columns go to parameters first … first + columns - 1 of the statement.
  using BindRow = std::function<void(Statement& statement, int first, std::size_t row)>;

  // Inserts rows 0 … count - 1 on `db`, binding each with bind_row; returns how many rows
  // SQLite inserted (the others were skipped by the tail's conflict clause). The statements
  // are prepared on `db` on first use and kept: use one BatchedInsert with one connection.
  Result<std::int64_t> insert(Db& db, std::size_t count, const BindRow& bind_row);

 private:
  Result<Statement*> statement_for(Db& db, int rows);

  std::string head_, tail_;
  int columns_, rows_per_statement_;
  std::map<int, Statement> statements_;  // by rows
};

}  // namespace ward::store

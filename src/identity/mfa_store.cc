// MfaStore (mfa_store.h).
#include "identity/mfa_store.h"

#include <fmt/format.h>

#include "store/capability_db.h"

namespace ward::identity {
namespace {

constexpr std::string_view kImportColumns =
    "import_id, source, format, imported_ns, imported_by, rows_read, rejected, accounts, enabled, enabled_with_mfa, "
    "privileged, privileged_with_mfa";

MfaImport read_import(const store::Statement& s) {
  MfaImport i;
  i.id = s.column_int(0);
  i.source = std::string(s.column_text(1));
  i.format = std::string(s.column_text(2));
  i.imported_ns = s.column_int(3);
  i.imported_by = std::string(s.column_text(4));
  i.rows = s.column_int(5);
  i.rejected = s.column_int(6);
  i.coverage.accounts = s.column_int(7);
  i.coverage.enabled = s.column_int(8);
  i.coverage.enabled_with_mfa = s.column_int(9);
  i.coverage.privileged_known = !s.column_is_null(10);
  i.coverage.privileged = s.column_int(10);
  i.coverage.privileged_with_mfa = s.column_int(11);
  return i;
}

void bind_optional_flag(store::Statement& s, int index, std::optional<bool> flag) {
  if (flag) s.bind(index, static_cast<std::int64_t>(*flag));
  else s.bind_null(index);
}

}  // namespace

Result<MfaStore> MfaStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return MfaStore(std::move(*db));
}

Result<MfaImport> MfaStore::save(MfaImport import, const std::vector<MfaAccount>& accounts) {
  import.imported_ns = now_ns();
  return store::in_transaction<MfaImport>(db_, [&]() -> Result<MfaImport> {
    auto add = db_.prepare(fmt::format("INSERT INTO identity_mfa_imports ({}) VALUES (NULL,?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
                                       kImportColumns));
    if (!add) return Unexpected(add.error());
    const MfaCoverage& c = import.coverage;
    add->bind(1, import.source);
    add->bind(2, import.format);
    add->bind(3, import.imported_ns);
    add->bind(4, import.imported_by);
    add->bind(5, import.rows);
    add->bind(6, import.rejected);
    add->bind(7, c.accounts);
    add->bind(8, c.enabled);
    add->bind(9, c.enabled_with_mfa);
    if (c.privileged_known) {
      add->bind(10, c.privileged);
      add->bind(11, c.privileged_with_mfa);
    } else {
      add->bind_null(10);
      add->bind_null(11);
    }
    if (auto r = add->run(); !r) return Unexpected(r.error());
    import.id = db_.last_insert_rowid();
    if (auto r = db_.exec("DELETE FROM identity_mfa_accounts"); !r) return Unexpected(r.error());
    auto row = db_.prepare(
        "INSERT INTO identity_mfa_accounts (user_id, import_id, display_name, enabled, mfa, privileged, methods) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7)");
    if (!row) return Unexpected(row.error());
    for (const MfaAccount& a : accounts) {
      row->reset();
      row->bind(1, a.user_id);
      row->bind(2, import.id);
      row->bind(3, a.display_name);
      row->bind(4, static_cast<std::int64_t>(a.enabled));
      row->bind(5, static_cast<std::int64_t>(a.mfa));
      bind_optional_flag(*row, 6, a.privileged);
      row->bind(7, a.methods);
      if (auto r = row->run(); !r) return Unexpected(r.error());
    }
    return import;
  });
}

Result<std::vector<MfaImport>> MfaStore::imports(std::string_view order_and_limit) {
  auto s = db_.prepare(fmt::format("SELECT {} FROM identity_mfa_imports ORDER BY {}", kImportColumns, order_and_limit));
  if (!s) return Unexpected(s.error());
  std::vector<MfaImport> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back(read_import(*s));
  }
}

Result<std::optional<MfaImport>> MfaStore::latest() {
  auto last = imports("import_id DESC LIMIT 1");
  if (!last) return Unexpected(last.error());
  if (last->empty()) return std::optional<MfaImport>();
  return std::optional<MfaImport>(std::move(last->front()));
}

Result<std::vector<MfaImport>> MfaStore::history() { return imports("import_id"); }

Result<std::vector<MfaAccount>> MfaStore::accounts() {
  auto s = db_.prepare(
      "SELECT user_id, display_name, enabled, mfa, privileged, methods FROM identity_mfa_accounts ORDER BY user_id");
  if (!s) return Unexpected(s.error());
  std::vector<MfaAccount> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    MfaAccount a;
    a.user_id = std::string(s->column_text(0));
    a.display_name = std::string(s->column_text(1));
    a.enabled = s->column_int(2) != 0;
    a.mfa = s->column_int(3) != 0;
    if (!s->column_is_null(4)) a.privileged = s->column_int(4) != 0;
    a.methods = std::string(s->column_text(5));
    out.push_back(std::move(a));
  }
}

}  // namespace ward::identity

// VendorStore (vendor_store.h): the scalar fields as columns, the rest as the profile's JSON.
#include "third_parties/vendor_store.h"

#include <charconv>

#include <fmt/format.h>

#include "devices/vendor_names.h"
#include "core/time.h"
#include "store/capability_db.h"
#include "third_parties/vendor_json.h"

namespace ward::third_parties {
namespace {

Result<Vendor> read_vendor(const store::Statement& s) {
  auto profile = nlohmann::json::parse(s.column_text(1), nullptr, false);
  auto v = vendor_from_json(profile);
  if (!v) return fail(ErrorCode::storage, fmt::format("vendor {} could not be read: {}", s.column_int(0), v.error().message));
  v->id = s.column_int(0);
  return v;
}

// ?1 name, ?2 name key, ?3 business associate, ?4 criticality, ?5 BAA status, ?6 BAA expiry,
// ?7 profile, ?8 now; `key` and `profile` must outlive the statement's run.
void bind_columns(store::Statement& s, const Vendor& v, const std::string& key, const std::string& profile) {
  s.bind(1, v.name);
  s.bind(2, key);
  s.bind(3, static_cast<std::int64_t>(v.business_associate ? 1 : 0));
  s.bind(4, v.criticality);
  s.bind(5, v.baa_status);
  s.bind(6, v.baa_expires);
  s.bind(7, profile);
  s.bind(8, now_ns());
}

}  // namespace

Result<std::unique_ptr<VendorStore>> VendorStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<VendorStore>(new VendorStore(std::move(*db)));
}

Result<void> VendorStore::check_name_free(const std::string& key, std::int64_t self) {
  auto find = db_.prepare("SELECT vendor_id, name FROM program_vendors WHERE name_key = ?1 AND vendor_id != ?2");
  if (!find) return Unexpected(find.error());
  find->bind(1, key);
  find->bind(2, self);
  auto row = find->step();
  if (!row) return Unexpected(row.error());
  if (*row)
    return fail(ErrorCode::invalid_input,
                fmt::format("name: vendor {} \"{}\" already exists; a vendor is added once", find->column_int(0),
                            find->column_text(1)),
                "name");
  return {};
}

Result<Vendor> VendorStore::add(Vendor v) {
  const std::string key = devices::normalise_name(v.name);
  if (key.empty()) return fail(ErrorCode::invalid_input, "name: needs letters or digits", "name");
  std::lock_guard lock(mu_);
  return store::in_transaction<Vendor>(db_, [&]() -> Result<Vendor> {
    if (auto free = check_name_free(key, 0); !free) return Unexpected(free.error());
    auto s = db_.prepare(
        "INSERT INTO program_vendors (name, name_key, business_associate, criticality, baa_status, baa_expires, profile, "
        "created_ns, updated_ns) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?8)");
    if (!s) return Unexpected(s.error());
    const std::string profile = vendor_to_json(v).dump();
    bind_columns(*s, v, key, profile);
    if (auto r = s->run(); !r) return Unexpected(r.error());
    v.id = db_.last_insert_rowid();
    return v;
  });
}

Result<Vendor> VendorStore::update(const Vendor& v) {
  const std::string key = devices::normalise_name(v.name);
  if (key.empty()) return fail(ErrorCode::invalid_input, "name: needs letters or digits", "name");
  std::lock_guard lock(mu_);
  return store::in_transaction<Vendor>(db_, [&]() -> Result<Vendor> {
    if (auto free = check_name_free(key, v.id); !free) return Unexpected(free.error());
    auto s = db_.prepare(
        "UPDATE program_vendors SET name = ?1, name_key = ?2, business_associate = ?3, criticality = ?4, baa_status = ?5, "
        "baa_expires = ?6, profile = ?7, updated_ns = ?8 WHERE vendor_id = ?9 RETURNING vendor_id");
    if (!s) return Unexpected(s.error());
    const std::string profile = vendor_to_json(v).dump();
    bind_columns(*s, v, key, profile);
    s->bind(9, v.id);
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return fail(ErrorCode::not_found, fmt::format("there is no vendor {}", v.id), "vendor");
    if (auto done = s->step(); !done) return Unexpected(done.error());
    return v;
  });
}

Result<void> VendorStore::remove(std::int64_t id) {
  std::lock_guard lock(mu_);
  return store::in_transaction<void>(db_, [&]() -> Result<void> {
    for (const char* sql : {"DELETE FROM program_questionnaire_answers WHERE questionnaire_id IN "
                            "(SELECT questionnaire_id FROM program_questionnaires WHERE vendor_id = ?1)",
                            "DELETE FROM program_questionnaires WHERE vendor_id = ?1"}) {
      auto s = db_.prepare(sql);
      if (!s) return Unexpected(s.error());
      s->bind(1, id);
      if (auto r = s->run(); !r) return Unexpected(r.error());
    }
    auto s = db_.prepare("DELETE FROM program_vendors WHERE vendor_id = ?1 RETURNING vendor_id");
    if (!s) return Unexpected(s.error());
    s->bind(1, id);
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return fail(ErrorCode::not_found, fmt::format("there is no vendor {}", id), "vendor");
    if (auto done = s->step(); !done) return Unexpected(done.error());
    return {};
  });
}

Result<std::vector<Vendor>> VendorStore::list() {
  std::lock_guard lock(mu_);
  auto s = db_.prepare("SELECT vendor_id, profile FROM program_vendors ORDER BY name_key");
  if (!s) return Unexpected(s.error());
  std::vector<Vendor> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    auto v = read_vendor(*s);
    if (!v) return Unexpected(v.error());
    out.push_back(std::move(*v));
  }
  return out;
}

Result<std::optional<Vendor>> VendorStore::find(const std::string& id_or_name) {
  std::int64_t id = 0;
  const char* end = id_or_name.data() + id_or_name.size();
  const bool is_id = !id_or_name.empty() && std::from_chars(id_or_name.data(), end, id).ptr == end;
  std::lock_guard lock(mu_);
  auto s = db_.prepare(is_id ? "SELECT vendor_id, profile FROM program_vendors WHERE vendor_id = ?1"
                             : "SELECT vendor_id, profile FROM program_vendors WHERE name_key = ?1");
  if (!s) return Unexpected(s.error());
  const std::string key = is_id ? std::string() : devices::normalise_name(id_or_name);  // bound without copying
  if (is_id) s->bind(1, id);
  else s->bind(1, key);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<Vendor>();
  auto v = read_vendor(*s);
  s->reset();
  if (!v) return Unexpected(v.error());
  return std::optional<Vendor>(std::move(*v));
}

}  // namespace ward::third_parties

// ModelStore (model_store.h): plain SQL over the table of migration 0033.
#include "devices/model_store.h"

#include <fmt/format.h>

#include "store/capability_db.h"

namespace ward::devices {
namespace {

constexpr std::string_view kColumns =
    "vendor_key, model_key, manufacturer, model, contact_name, contact_email, contact_phone, psirt_url, mds2, "
    "end_of_support, notes, updated_ns, updated_by";

// The text fields in kColumns' order from manufacturer to psirt_url.
std::vector<std::string ModelProfile::*> leading_texts() {
  return {&ModelProfile::manufacturer, &ModelProfile::model, &ModelProfile::contact_name, &ModelProfile::contact_email,
          &ModelProfile::contact_phone, &ModelProfile::psirt_url};
}

std::string mds2_text(const ModelProfile& p) { return nlohmann::json(p.mds2).dump(); }

Result<ModelProfile> read_profile(const store::Statement& s) {
  ModelProfile p;
  int i = 2;
  for (auto m : leading_texts()) p.*m = std::string(s.column_text(i++));
  const auto mds2 = nlohmann::json::parse(s.column_text(i++), nullptr, false);
  if (!mds2.is_object()) return fail(ErrorCode::internal, fmt::format("device_models: the MDS2 answers of {} {} are not a JSON object", p.manufacturer, p.model));
  for (const auto& [id, answer] : mds2.items()) p.mds2[id] = answer.is_string() ? answer.get<std::string>() : answer.dump();
  p.end_of_support = std::string(s.column_text(i++));
  p.notes = std::string(s.column_text(i++));
  p.updated = s.column_int(i++);
  p.updated_by = std::string(s.column_text(i));
  return p;
}

bool same(const ModelProfile& a, const ModelProfile& b) {
  for (auto m : leading_texts()) if (a.*m != b.*m) return false;
  return a.mds2 == b.mds2 && a.end_of_support == b.end_of_support && a.notes == b.notes;
}

}  // namespace

Result<ModelStore> ModelStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);  // runs the migrations, 0033 among them
  if (!db) return Unexpected(db.error());
  return ModelStore(std::move(*db));
}

Result<std::map<ModelKey, ModelProfile>> ModelStore::select(const ModelKey* key) {
  auto s = db_.prepare(fmt::format("SELECT {} FROM device_models{}", kColumns,
                                   key ? " WHERE vendor_key = ?1 AND model_key = ?2" : ""));
  if (!s) return Unexpected(s.error());
  if (key != nullptr) {
    s->bind(1, key->vendor);
    s->bind(2, key->model);
  }
  std::map<ModelKey, ModelProfile> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    auto p = read_profile(*s);
    if (!p) return Unexpected(p.error());
    out.emplace(ModelKey{std::string(s->column_text(0)), std::string(s->column_text(1))}, std::move(*p));
  }
}

Result<std::optional<ModelProfile>> ModelStore::find(const ModelKey& key) {
  auto found = select(&key);
  if (!found) return Unexpected(found.error());
  if (found->empty()) return std::optional<ModelProfile>();
  return std::optional<ModelProfile>(std::move(found->begin()->second));
}

Result<std::map<ModelKey, ModelProfile>> ModelStore::all() { return select(nullptr); }

Result<std::vector<Upsert>> ModelStore::put(const VendorAliases& aliases, const std::vector<ModelProfile>& profiles,
                                            const std::string& actor, TimeNs now) {
  return store::in_transaction<std::vector<Upsert>>(db_, [&]() -> Result<std::vector<Upsert>> {
    auto write = db_.prepare(fmt::format("INSERT OR REPLACE INTO device_models ({}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)", kColumns));
    if (!write) return Unexpected(write.error());
    std::vector<Upsert> outcomes;
    for (const ModelProfile& p : profiles) {
      const ModelKey key = model_key(aliases, p.manufacturer, p.model);
      auto was = find(key);
      if (!was) return Unexpected(was.error());
      if (*was && same(**was, p)) {
        outcomes.push_back(Upsert::unchanged);
        continue;
      }
      const std::string mds2 = mds2_text(p);
      write->bind(1, key.vendor);
      write->bind(2, key.model);
      int i = 3;
      for (auto m : leading_texts()) write->bind(i++, p.*m);
      write->bind(i++, mds2);
      write->bind(i++, p.end_of_support);
      write->bind(i++, p.notes);
      write->bind(i++, static_cast<std::int64_t>(now));
      write->bind(i, actor);
      if (auto r = write->run(); !r) return Unexpected(r.error());
      write->reset();
      outcomes.push_back(*was ? Upsert::updated : Upsert::added);
    }
    return outcomes;
  });
}

}  // namespace ward::devices

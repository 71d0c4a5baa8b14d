// The device models' contacts and MDS2 answers in the store (migration 0033). Opened on the data
// directory's ward.db like DeviceStore; its own connection, used by one thread at a time (the API
// holds it under a lock).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "core/error.h"
#include "devices/device_store.h"
#include "devices/model_profile.h"
#include "store/sqlite_db.h"

namespace ward::devices {

class ModelStore {
 public:
  static Result<ModelStore> open(const std::filesystem::path& data_dir);

  // Writes each profile (already checked) whole under its model key, replacing the one kept, in
  // one transaction; the outcome of each in order. `updated` and `updated_by` are set here.
  Result<std::vector<Upsert>> put(const VendorAliases& aliases, const std::vector<ModelProfile>& profiles,
                                  const std::string& actor, TimeNs now);
  // The profile of one model; nullopt when none is kept.
  Result<std::optional<ModelProfile>> find(const ModelKey& key);
  Result<std::map<ModelKey, ModelProfile>> all();

 private:
  explicit ModelStore(store::Db db) : db_(std::move(db)) {}
  Result<std::map<ModelKey, ModelProfile>> select(const ModelKey* key);
  store::Db db_;
};

}  // namespace ward::devices

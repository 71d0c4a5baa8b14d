// The devices capability's tables in the store (migration 0018): the inventory and the imported
// advisory documents. Opened on the data directory's ward.db after the store has migrated it;
// its own connection, used by one thread at a time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "devices/device.h"
#include "store/sqlite_db.h"

namespace ward::devices {

enum class Upsert { added, updated, unchanged };

// The content hash in the first column of the row `find` (its parameters bound) selects, or
// nullopt when there is none: how a re-import tells added, updated and unchanged documents apart.
Result<std::optional<std::string>> stored_hash(store::Statement& find);

struct AdvisoryDocument {
  std::string advisory_id, kind, revision, content_hash, source, body;
};

class DeviceStore {
 public:
  // Migrates <data_dir>/ward.db (creating it) and opens a connection to it.
  static Result<DeviceStore> open(const std::filesystem::path& data_dir);

  // One transaction; the outcome of each device in order.
  Result<std::vector<Upsert>> upsert_devices(const std::vector<Device>& devices);
  Result<std::vector<Device>> devices();

  Result<Upsert> upsert_advisory(const AdvisoryDocument& doc);
  Result<std::vector<AdvisoryDocument>> advisories();

 private:
  explicit DeviceStore(store::Db db) : db_(std::move(db)) {}
  store::Db db_;
};

}  // namespace ward::devices

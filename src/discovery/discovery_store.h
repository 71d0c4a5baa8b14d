// The discovered_assets table (store migration 0028): the hosts passive discovery has seen, as
// AssetTable built them. Opened on the data directory's ward.db after the store has migrated it;
// its own connection, used by one thread at a time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "discovery/discovered_asset.h"
#include "store/sqlite_db.h"

namespace ward::discovery {

struct SaveCounts {
  std::size_t added = 0, updated = 0, unchanged = 0, removed = 0;
};

class DiscoveryStore {
 public:
  static Result<DiscoveryStore> open(const std::filesystem::path& data_dir);

  // Every host, by key. Fails (field "facts", naming the key) on a row whose facts are not JSON.
  Result<std::vector<DiscoveredAsset>> assets();
  // The host now at `ip`: the MAC-keyed host whose latest address it is (the latest such lease
  // first), else the host kept under "ip:<ip>"; nullopt when neither is stored.
  Result<std::optional<DiscoveredAsset>> asset_at(std::string_view ip);
  // In one transaction: writes each asset that differs from its row (or has none) and deletes
  // the rows of `removed` keys (hosts folded into a MAC's entry). Saving what assets() gave
  // back changes nothing (all unchanged).
  Result<SaveCounts> save(const std::vector<DiscoveredAsset>& assets, const std::vector<std::string>& removed);

 private:
  explicit DiscoveryStore(store::Db db) : db_(std::move(db)) {}
  store::Db db_;
};

}  // namespace ward::discovery

// DiscoveryStore (discovery_store.h): plain SQL over migration 0028's table.
#include "discovery/discovery_store.h"

#include <fmt/format.h>

#include "core/time.h"
#include "discovery/discovery_json.h"
#include "store/capability_db.h"

namespace ward::discovery {
namespace {

constexpr std::string_view kColumns =
    "asset_key, ip, mac, hostname, vendor, first_seen_ns, last_seen_ns, ip_seen_ns, name_seen_ns, facts";

Result<DiscoveredAsset> read_asset(const store::Statement& s) {
  DiscoveredAsset a;
  a.key = std::string(s.column_text(0));
  a.ip = std::string(s.column_text(1));
  a.mac = std::string(s.column_text(2));
  a.hostname = std::string(s.column_text(3));
  a.vendor = std::string(s.column_text(4));
  a.first_seen = s.column_int(5);
  a.last_seen = s.column_int(6);
  a.ip_seen = s.column_int(7);
  a.name_seen = s.column_int(8);
  if (auto ok = read_facts(s.column_text(9), a); !ok) return Unexpected(ok.error());
  return a;
}

}  // namespace

Result<DiscoveryStore> DiscoveryStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);  // runs the migrations, 0028 among them
  if (!db) return Unexpected(db.error());
  return DiscoveryStore(std::move(*db));
}

Result<std::vector<DiscoveredAsset>> DiscoveryStore::assets() {
  auto s = db_.prepare(fmt::format("SELECT {} FROM discovered_assets ORDER BY asset_key", kColumns));
  if (!s) return Unexpected(s.error());
  std::vector<DiscoveredAsset> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    auto a = read_asset(*s);
    if (!a) return Unexpected(a.error());
    out.push_back(std::move(*a));
  }
  return out;
}

Result<std::optional<DiscoveredAsset>> DiscoveryStore::asset_at(std::string_view ip) {
  // "ip:" keys sort after "mac:" ones only by the mac = '' term: a lease wins over a bare address.
  auto s = db_.prepare(fmt::format("SELECT {} FROM discovered_assets WHERE ip = ?1 AND (mac <> '' OR asset_key = 'ip:' || ?1) "
                                   "ORDER BY mac = '', ip_seen_ns DESC LIMIT 1", kColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, ip);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<DiscoveredAsset>();
  auto a = read_asset(*s);
  if (!a) return Unexpected(a.error());
  return std::optional<DiscoveredAsset>(std::move(*a));
}

Result<SaveCounts> DiscoveryStore::save(const std::vector<DiscoveredAsset>& assets,
                                        const std::vector<std::string>& removed) {
  return store::in_transaction<SaveCounts>(db_, [&]() -> Result<SaveCounts> {
    auto find = db_.prepare(fmt::format("SELECT {} FROM discovered_assets WHERE asset_key = ?1", kColumns));
    if (!find) return Unexpected(find.error());
    // OR REPLACE also turns an empty text (bound as NULL) into the column's default ''.
    auto write = db_.prepare(fmt::format(
        "INSERT OR REPLACE INTO discovered_assets ({}, updated_ns) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)", kColumns));
    if (!write) return Unexpected(write.error());
    auto erase = db_.prepare("DELETE FROM discovered_assets WHERE asset_key = ?1");
    if (!erase) return Unexpected(erase.error());
    SaveCounts counts;
    const TimeNs now = now_ns();
    for (const std::string& key : removed) {
      erase->reset();
      erase->bind(1, key);
      if (auto r = erase->run(); !r) return Unexpected(r.error());
      counts.removed += static_cast<std::size_t>(db_.changes());
    }
    for (const DiscoveredAsset& a : assets) {
      find->reset();
      find->bind(1, a.key);
      auto row = find->step();
      if (!row) return Unexpected(row.error());
      bool existed = *row, unchanged = false;
      if (existed) {
        auto stored = read_asset(*find);
        unchanged = stored && *stored == a;
      }
      find->reset();
      if (unchanged) {
        ++counts.unchanged;
        continue;
      }
      const std::string facts = facts_json(a).dump();
      write->reset();
      write->bind(1, a.key);
      write->bind(2, a.ip);
      write->bind(3, a.mac);
      write->bind(4, a.hostname);
      write->bind(5, a.vendor);
      write->bind(6, a.first_seen);
      write->bind(7, a.last_seen);
      write->bind(8, a.ip_seen);
      write->bind(9, a.name_seen);
      write->bind(10, facts);
      write->bind(11, now);
      if (auto r = write->run(); !r) return Unexpected(r.error());
      ++(existed ? counts.updated : counts.added);
    }
    return counts;
  });
}

}  // namespace ward::discovery

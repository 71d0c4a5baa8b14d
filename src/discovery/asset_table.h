// The hosts of one discovery run, built from observations: one entry per MAC, else per IP. When
// a log ties an IP to a MAC (a DHCP lease), what was kept under that IP moves into the MAC's
// entry, whichever file came first. Bounded: past max_assets new hosts are counted, not kept.
// Not thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "discovery/discovered_asset.h"

namespace ward::discovery {

class AssetTable {
 public:
  static constexpr std::size_t kDefaultMaxAssets = 1'000'000;
  explicit AssetTable(std::size_t max_assets = kDefaultMaxAssets) : max_assets_(max_assets) {}

  // Adds a host as stored earlier (the store's rows), so a run adds to what is known.
  void add(DiscoveredAsset asset);
  // Adds what one record says about one host; `o.mac` already normalised (or "").
  void observe(const Observation& o, std::string_view source);

  // The hosts, sorted by key.
  std::vector<DiscoveredAsset> assets() const;
  // Keys that were in the table (stored or observed) and were folded into a MAC's entry.
  const std::vector<std::string>& merged_away() const { return merged_away_; }
  std::size_t dropped() const { return dropped_; }  // new hosts not kept (the table was full)

 private:
  DiscoveredAsset* entry(const std::string& key);
  void tie(const std::string& ip, const std::string& mac_key, TimeNs when);

  struct Lease {
    std::string mac_key;
    TimeNs when = 0;
  };

  std::size_t max_assets_;
  std::map<std::string, DiscoveredAsset, std::less<>> by_key_;
  std::map<std::string, Lease, std::less<>> lease_of_ip_;  // the latest MAC seen with each IP
  std::vector<std::string> merged_away_;
  std::size_t dropped_ = 0;
  std::string scratch_;
};

}  // namespace ward::discovery

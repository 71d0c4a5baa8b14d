// AssetTable (asset_table.h): hosts by key, IP entries folded into MAC entries.
#include "discovery/asset_table.h"

namespace ward::discovery {

DiscoveredAsset* AssetTable::entry(const std::string& key) {
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return &it->second;
  if (by_key_.size() >= max_assets_) {
    ++dropped_;
    return nullptr;
  }
  DiscoveredAsset& a = by_key_[key];
  a.key = key;
  return &a;
}

// From now on `ip` means the host under `mac_key`; an entry kept under the bare IP joins it.
void AssetTable::tie(const std::string& ip, const std::string& mac_key, TimeNs when) {
  if (ip.empty()) return;
  Lease& lease = lease_of_ip_[ip];
  if (lease.mac_key.empty() || when >= lease.when) lease = {mac_key, when};
  auto it = by_key_.find("ip:" + ip);
  if (it == by_key_.end()) return;
  auto into = by_key_.find(mac_key);
  if (into != by_key_.end()) merge(into->second, it->second);
  merged_away_.push_back(it->first);
  by_key_.erase(it);
}

void AssetTable::add(DiscoveredAsset asset) {
  const std::string key = asset.key;
  const std::string ip = asset.ip;
  const bool by_mac = !asset.mac.empty();
  if (DiscoveredAsset* a = entry(key)) merge(*a, asset);
  if (by_mac) tie(ip, key, asset.ip_seen);
}

void AssetTable::observe(const Observation& o, std::string_view source) {
  if (o.ip.empty() && o.mac.empty()) return;
  if (!o.mac.empty()) {
    scratch_ = asset_key({}, o.mac);
    DiscoveredAsset* a = entry(scratch_);
    if (a == nullptr) return;
    apply(*a, o, source);
    tie(std::string(o.ip), scratch_, o.time);
    return;
  }
  auto lease = lease_of_ip_.find(o.ip);
  scratch_ = lease != lease_of_ip_.end() ? lease->second.mac_key : asset_key(o.ip, {});
  if (DiscoveredAsset* a = entry(scratch_)) apply(*a, o, source);
}

std::vector<DiscoveredAsset> AssetTable::assets() const {
  std::vector<DiscoveredAsset> out;
  out.reserve(by_key_.size());
  for (const auto& [key, a] : by_key_) out.push_back(a);
  return out;
}

}  // namespace ward::discovery

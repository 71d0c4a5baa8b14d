// Matching one advisory against the indexed inventory (fleet_index.h).
#include "devices/fleet_index.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

namespace ward::devices {

FleetIndex::FleetIndex(const std::vector<Device>& devices) {
  using Key = std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>;
  std::map<Key, std::size_t> key_of;
  device_ids_.reserve(devices.size());
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const Device& d = devices[i];
    device_ids_.push_back(d.device_id);
    auto [it, added] = key_of.try_emplace(Key{d.manufacturer, d.model, d.version, d.os}, keys_.size());
    if (added) {
      Device k;
      k.device_id = std::to_string(keys_.size());
      k.manufacturer = d.manufacturer;
      k.model = d.model;
      k.version = d.version;
      k.os = d.os;
      keys_.push_back(std::move(k));
      members_.emplace_back();
    }
    members_[it->second].push_back(i);
  }
}

bool names_identifiers(const Advisory& a) {
  if (a.kind == "kev") return true;
  return std::any_of(a.products.begin(), a.products.end(),
                     [](const AdvisoryProduct& p) { return !p.cpes.empty() || !p.purls.empty(); });
}

std::vector<Finding> FleetIndex::match(const Advisory& advisory, const std::vector<Advisory>& vex, const VendorAliases& aliases,
                                       const std::vector<AttachedSbom>& sboms) const {
  std::vector<Advisory> run;
  run.reserve(1 + vex.size());
  run.push_back(advisory);
  for (const Advisory& v : vex) {
    if (v.kind.ends_with("_vex") && v.id != advisory.id) run.push_back(v);
  }
  const bool components = std::any_of(run.begin(), run.end(), names_identifiers);
  static const std::vector<AttachedSbom> kNone;
  const std::vector<Finding> by_key = match_devices(keys_, run, aliases, components ? sboms : kNone);
  // Fan out: (device index, position in by_key) sorted by device keeps each key's own order.
  std::vector<std::pair<std::size_t, std::size_t>> order;
  for (std::size_t i = 0; i < by_key.size(); ++i) {
    if (by_key[i].match->advisory_id != advisory.id) continue;
    const std::string& id = by_key[i].device_id;
    std::size_t key = 0;
    std::from_chars(id.data(), id.data() + id.size(), key);
    for (std::size_t d : members_[key]) order.emplace_back(d, i);
  }
  std::sort(order.begin(), order.end());
  std::vector<Finding> out;
  out.reserve(order.size());
  for (const auto& [d, i] : order) out.push_back(Finding{device_ids_[d], by_key[i].match});
  return out;
}

}  // namespace ward::devices

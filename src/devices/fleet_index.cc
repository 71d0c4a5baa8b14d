// Matching one advisory against the indexed inventory (fleet_index.h).
#include "devices/fleet_index.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include "devices/identifier_tier.h"

namespace ward::devices {

FleetIndex::FleetIndex(const std::vector<Device>& devices, const VendorAliases& aliases, const std::vector<AttachedSbom>& sboms)
    : aliases_(aliases), sboms_(sboms) {
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
    key_of_device_.push_back(it->second);
  }
  std::unordered_map<std::string, std::vector<std::size_t>> keys_of_model;  // sbom_model_key → keys
  sboms_of_key_.resize(keys_.size());
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    const Device& d = keys_[k];
    for (const std::string& v : aliases.keys(d.manufacturer)) by_vendor_[v].push_back(k);
    if (!d.os.empty()) by_os_[d.os].push_back(k);
    if (!sboms.empty()) keys_of_model[sbom_model_key(aliases, d.manufacturer, d.model, d.version)].push_back(k);
  }
  std::unordered_map<std::string, std::size_t> component_of;
  for (std::size_t s = 0; s < sboms.size(); ++s) {
    const AttachedSbom& a = sboms[s];
    const auto it = keys_of_model.find(sbom_model_key(aliases, a.vendor, a.model, a.version));
    if (it == keys_of_model.end()) continue;
    for (std::size_t k : it->second) sboms_of_key_[k].push_back(s);
    const auto add = [&](const SbomComponent& c) {
      if (c.cpes.empty() && c.purls.empty()) return;
      std::string id = c.name + '\n' + c.version;
      for (const std::string& x : c.cpes) id += '\n' + x;
      for (const std::string& x : c.purls) id += '\n' + x;
      auto [at, added] = component_of.try_emplace(std::move(id), components_.size());
      if (added) {
        components_.push_back(c);
        keys_of_component_.emplace_back();
      }
      auto& keys = keys_of_component_[at->second];
      keys.insert(keys.end(), it->second.begin(), it->second.end());
    };
    if (a.sbom.has_subject) add(a.sbom.subject);
    for (const SbomComponent& c : a.sbom.components) add(c);
  }
}

bool names_identifiers(const Advisory& a) {
  if (a.kind == "kev") return true;
  return std::any_of(a.products.begin(), a.products.end(),
                     [](const AdvisoryProduct& p) { return !p.cpes.empty() || !p.purls.empty(); });
}

// Every key the advisory could give a finding: a superset is harmless (the matcher decides), a
// key left out would lose findings. Each key's findings depend on that key alone.
FleetIndex::Candidates FleetIndex::candidates(const Advisory& advisory) const {
  Candidates out;
  std::vector<Pick>& picked = out.picked;
  picked.assign(keys_.size(), Pick::none);
  const auto pick = [&](const std::vector<std::size_t>& keys, Pick how = Pick::name) {
    for (std::size_t k : keys) picked[k] = std::max(picked[k], how);
  };
  for (const AdvisoryProduct& p : advisory.products) {  // the name and model-number tiers
    for (const std::string& v : aliases_.keys(p.vendor)) {
      if (const auto it = by_vendor_.find(v); it != by_vendor_.end()) pick(it->second);
    }
  }
  if (names_identifiers(advisory)) {  // the identifier tier: components the advisory hits
    const std::vector<Advisory> one{advisory};
    const IdentifierIndex identifiers(one, aliases_);
    for (std::size_t c = 0; c < components_.size(); ++c) {
      if (!identifiers.match(components_[c]).empty()) pick(keys_of_component_[c], Pick::component);
    }
  }
  if (advisory.kind == "kev" && !by_os_.empty()) {  // KEV through the OS: one pseudo-device per OS
    std::vector<Device> systems;
    for (const auto& [os, keys] : by_os_) {
      Device d;
      d.device_id = os;
      d.os = os;
      systems.push_back(std::move(d));
    }
    for (Finding& f : match_devices(systems, {advisory}, aliases_)) {
      pick(by_os_.at(f.device_id), Pick::os);
      out.os_findings[f.device_id].push_back(std::move(f.match));  // in order: by advisory and CVE
    }
  }
  return out;
}

std::vector<Finding> FleetIndex::match(const Advisory& advisory, const std::vector<Advisory>& vex) const {
  std::vector<Advisory> run{advisory};
  for (const Advisory& v : vex) {
    if (v.kind.ends_with("_vex") && v.id != advisory.id) run.push_back(v);
  }
  // SBOMs go with the keys whose components the advisory hits; with every candidate key when a
  // VEX document names identifiers (it may clear a CVE through a component).
  const bool vex_components = std::any_of(run.begin() + 1, run.end(), names_identifiers);
  const Candidates found = candidates(advisory);
  const std::vector<Pick>& picked = found.picked;
  // Without VEX documents a key reached through its OS alone has no findings of its own (no
  // vendor, no SBOM component matches): its findings are its OS's, as match_devices would give.
  const bool os_as_is = run.size() == 1;
  const auto by_os_only = [&](std::size_t k) { return os_as_is && picked[k] == Pick::os; };
  std::vector<Device> keys;
  std::vector<const Sbom*> sbom_of_key;  // per key in `keys`: its model's first SBOM, as the full match takes it
  for (std::size_t k = 0; k < picked.size(); ++k) {
    if (picked[k] == Pick::none || by_os_only(k)) continue;
    keys.push_back(keys_[k]);
    const bool with_sbom = (picked[k] == Pick::component || vex_components) && !sboms_of_key_[k].empty();
    sbom_of_key.push_back(with_sbom ? &sboms_[sboms_of_key_[k].front()].sbom : nullptr);
  }
  const std::vector<Finding> by_key = match_devices(keys, run, aliases_, sbom_of_key);

  // Fan out in device order: each key's findings are contiguous in by_key, in the key's order.
  std::vector<std::pair<std::size_t, std::size_t>> range(keys_.size(), {0, 0});  // per key: [begin, end) in `own`
  std::vector<std::size_t> own;  // positions in by_key of the advisory's findings
  for (std::size_t i = 0; i < by_key.size(); ++i) {
    if (by_key[i].match->advisory_id != advisory.id) continue;
    const std::string& id = by_key[i].device_id;
    std::size_t key = 0;
    std::from_chars(id.data(), id.data() + id.size(), key);
    if (range[key].first == range[key].second) range[key].first = own.size();
    own.push_back(i);
    range[key].second = own.size();
  }
  // Per key reached through its OS alone: that OS's findings.
  std::vector<const Matches*> os_list(keys_.size(), nullptr);
  std::size_t total = 0;
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    if (by_os_only(k)) {
      if (const auto it = found.os_findings.find(keys_[k].os); it != found.os_findings.end()) os_list[k] = &it->second;
    }
    total += (range[k].second - range[k].first + (os_list[k] ? os_list[k]->size() : 0)) * members_[k].size();
  }
  std::vector<Finding> out;
  out.reserve(total);
  if (total == 0) return out;
  for (std::size_t d = 0; d < device_ids_.size(); ++d) {
    const std::size_t k = key_of_device_[d];
    if (const Matches* os = os_list[k]) {
      for (const auto& m : *os) out.push_back(Finding{device_ids_[d], m});
      continue;
    }
    const auto [begin, end] = range[k];
    for (std::size_t i = begin; i < end; ++i) out.push_back(Finding{device_ids_[d], by_key[own[i]].match});
  }
  return out;
}

}  // namespace ward::devices

// Matching one advisory against the indexed inventory (fleet_index.h).
#include "devices/fleet_index.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include "devices/identifier_tier.h"

namespace ward::devices {

FleetIndex::FleetIndex(const std::vector<Device>& devices, const VendorAliases& aliases, const std::vector<AttachedSbom>& sboms)
    : aliases_(aliases), sboms_(sboms), components_(aliases) {
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
  std::unordered_map<std::string_view, std::size_t> os_number;
  sboms_of_key_.resize(keys_.size());
  os_of_key_.resize(keys_.size(), 0);
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    const Device& d = keys_[k];
    for (const std::string& v : aliases.keys(d.manufacturer)) by_vendor_[v].push_back(k);
    if (!d.os.empty()) {
      by_os_[d.os].push_back(k);
      os_of_key_[k] = os_number.try_emplace(d.os, os_number.size() + 1).first->second;
    }
    if (!sboms.empty()) keys_of_model[sbom_model_key(aliases, d.manufacturer, d.model, d.version)].push_back(k);
  }
  keys_of_sbom_.resize(sboms.size());
  for (std::size_t s = 0; s < sboms.size(); ++s) {
    const AttachedSbom& a = sboms[s];
    const auto it = keys_of_model.find(sbom_model_key(aliases, a.vendor, a.model, a.version));
    if (it == keys_of_model.end()) continue;
    for (std::size_t k : it->second) sboms_of_key_[k].push_back(s);
    keys_of_sbom_[s] = it->second;
    components_.add(a.sbom, s);
  }
}

bool names_identifiers(const Advisory& a) {
  if (a.kind == "kev") return true;
  return std::any_of(a.products.begin(), a.products.end(),
                     [](const AdvisoryProduct& p) { return !p.cpes.empty() || !p.purls.empty(); });
}

// Every key the advisory could give a finding: a superset is harmless (the matcher decides), a
// key left out would lose findings. Each key's findings depend on that key alone.
FleetIndex::Candidates FleetIndex::candidates(const std::vector<Advisory>& run) const {
  const Advisory& advisory = run.front();
  Candidates out;
  std::vector<unsigned char>& reached = out.reached;
  reached.assign(keys_.size(), 0);
  const auto reach = [&](const std::vector<std::size_t>& keys, Reach how) {
    for (std::size_t k : keys) reached[k] |= how;
  };
  for (const AdvisoryProduct& p : advisory.products) {  // the name and model-number tiers
    for (const std::string& v : aliases_.keys(p.vendor)) {
      if (const auto it = by_vendor_.find(v); it != by_vendor_.end()) reach(it->second, kByName);
    }
  }
  if (names_identifiers(advisory)) {  // the identifier tier: once per distinct component, then its SBOMs
    const IdentifierIndex identifiers(run, aliases_);
    std::unordered_map<std::size_t, std::vector<std::pair<std::size_t, std::size_t>>> hit;  // SBOM → (position, component)
    for (std::size_t c = 0; c < components_.size(); ++c) {
      const auto hits = identifiers.match(components_[c].identifiers);
      if (std::none_of(hits.begin(), hits.end(), [](const IdentifierHit& h) { return h.advisory == 0; })) continue;
      for (const DistinctComponents::Holder& h : components_[c].held_by) {
        hit[h.sbom].emplace_back(h.position, c);
        reach(keys_of_sbom_[h.sbom], kByComponent);
      }
    }
    for (auto& [sbom, list] : hit) {
      std::sort(list.begin(), list.end());
      std::vector<std::size_t>& in_order = out.hit_in_sbom[sbom];
      for (const auto& [position, c] : list) in_order.push_back(c);
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
    for (const Finding& f : match_devices(systems, {advisory}, aliases_)) reach(by_os_.at(f.device_id), kByOs);
  }
  return out;
}

// What the matcher runs on: a key of its own when the advisory reaches it by vendor, or when VEX
// documents are kept (they may clear a CVE for its model alone); otherwise one representative key
// per distinct (components of its SBOM the advisory hits, OS), with an SBOM of just those
// components. A key's first SBOM is the one the full match takes for its model.
FleetIndex::Plan FleetIndex::plan(const Candidates& found, bool with_vex, bool vex_components) const {
  Plan out;
  out.entry_of_key.assign(keys_.size(), kNoEntry);
  std::map<std::vector<std::size_t>, std::size_t> set_number;  // hit components → 1, 2…; none is 0
  std::unordered_map<std::size_t, std::size_t> set_of_sbom;     // SBOM → its set number
  out.made_sboms.resize(1);
  for (const auto& [sbom, components] : found.hit_in_sbom) {
    const auto [at, added] = set_number.try_emplace(components, out.made_sboms.size());
    if (added) {
      Sbom& made = out.made_sboms.emplace_back();
      for (std::size_t c : components) made.components.push_back(*components_[c].component);
    }
    set_of_sbom.emplace(sbom, at->second);
  }
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> entry_of_group;  // (set number, OS number) → entry
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    const unsigned char r = found.reached[k];
    if (r == 0) continue;
    const Sbom* first = sboms_of_key_[k].empty() ? nullptr : &sboms_[sboms_of_key_[k].front()].sbom;
    if (with_vex || (r & kByName) != 0) {
      out.entry_of_key[k] = out.run_on.size();
      out.run_on.push_back(keys_[k]);
      out.sbom_of.push_back((r & kByComponent) != 0 || vex_components ? first : nullptr);
      continue;
    }
    std::size_t set = 0;
    if (first != nullptr) {
      if (const auto it = set_of_sbom.find(sboms_of_key_[k].front()); it != set_of_sbom.end()) set = it->second;
    }
    auto [at, added] = entry_of_group.try_emplace({set, os_of_key_[k]}, out.run_on.size());
    if (added) {
      out.run_on.push_back(keys_[k]);
      out.sbom_of.push_back(set == 0 ? nullptr : &out.made_sboms[set]);
    }
    out.entry_of_key[k] = at->second;
  }
  for (std::size_t e = 0; e < out.run_on.size(); ++e) out.run_on[e].device_id = std::to_string(e);
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
  const Plan p = plan(candidates(run), run.size() > 1, vex_components);
  const std::vector<Finding> by_entry = match_devices(p.run_on, run, aliases_, p.sbom_of);

  // Fan out in device order: each entry's findings are contiguous in by_entry, in its order.
  std::vector<std::pair<std::size_t, std::size_t>> range(p.run_on.size(), {0, 0});  // per entry: [begin, end) in `own`
  std::vector<std::size_t> own;  // positions in by_entry of the advisory's findings
  for (std::size_t i = 0; i < by_entry.size(); ++i) {
    if (by_entry[i].match->advisory_id != advisory.id) continue;
    const std::string& id = by_entry[i].device_id;
    std::size_t entry = 0;
    std::from_chars(id.data(), id.data() + id.size(), entry);
    if (range[entry].first == range[entry].second) range[entry].first = own.size();
    own.push_back(i);
    range[entry].second = own.size();
  }
  std::size_t total = 0;
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    const std::size_t e = p.entry_of_key[k];
    if (e != kNoEntry) total += (range[e].second - range[e].first) * members_[k].size();
  }
  std::vector<Finding> out;
  out.reserve(total);
  if (total == 0) return out;
  for (std::size_t d = 0; d < device_ids_.size(); ++d) {
    const std::size_t e = p.entry_of_key[key_of_device_[d]];
    if (e == kNoEntry) continue;
    for (std::size_t i = range[e].first; i < range[e].second; ++i) out.push_back(Finding{device_ids_[d], by_entry[own[i]].match});
  }
  return out;
}

}  // namespace ward::devices

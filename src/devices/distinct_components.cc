// Each distinct SBOM component once (distinct_components.h).
#include "devices/distinct_components.h"

namespace ward::devices {

std::string component_identity(const SbomComponent& c) {
  std::string id = c.name + '\n' + c.version;
  for (const std::string& x : c.cpes) id += '\n' + x;
  for (const std::string& x : c.purls) id += '\n' + x;
  return id;
}

void DistinctComponents::add(const Sbom& sbom, std::size_t number) {
  const auto add_one = [&](const SbomComponent& c, std::size_t position) {
    if (c.cpes.empty() && c.purls.empty()) return;
    auto [at, added] = index_of_.try_emplace(component_identity(c), entries_.size());
    if (added) entries_.push_back({&c, component_identifiers(c, aliases_), {}});
    entries_[at->second].held_by.push_back({number, position});
  };
  if (sbom.has_subject) add_one(sbom.subject, 0);
  for (std::size_t i = 0; i < sbom.components.size(); ++i) add_one(sbom.components[i], i + 1);
}

}  // namespace ward::devices

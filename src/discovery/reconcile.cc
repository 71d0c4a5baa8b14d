// reconcile (reconcile.h): indexes of the inventory by MAC and IP, then one pass over the hosts.
#include "discovery/reconcile.h"

#include <map>
#include <set>

#include "core/ascii_case.h"
#include "discovery/medical_hints.h"

namespace ward::discovery {

std::string_view to_string(Reconciled r) {
  switch (r) {
    case Reconciled::matched: return "matched";
    case Reconciled::new_device: return "new";
    case Reconciled::unseen: return "unseen";
  }
  return "new";
}

namespace {

// The host name's first label: "PUMP-0042.icu.example.org" -> "pump-0042".
std::string first_label(std::string_view hostname) {
  return ascii_lower(hostname.substr(0, hostname.find('.')));
}

}  // namespace

std::vector<ReconciledRow> reconcile(const std::vector<DiscoveredAsset>& assets,
                                     const std::vector<devices::Device>& devices) {
  std::map<std::string, const devices::Device*> by_mac;
  std::multimap<std::string, const devices::Device*> by_ip;
  for (const devices::Device& d : devices) {
    const std::string mac = normalise_mac(d.mac);
    if (!mac.empty()) by_mac.emplace(mac, &d);
    if (!d.ip.empty()) by_ip.emplace(d.ip, &d);
  }
  std::set<const devices::Device*> seen;
  std::vector<ReconciledRow> rows;
  for (const DiscoveredAsset& a : assets) {
    ReconciledRow row;
    row.asset = &a;
    row.hints = medical_hints(a);
    if (auto it = a.mac.empty() ? by_mac.end() : by_mac.find(a.mac); it != by_mac.end()) {
      row.device = it->second;
      row.basis = "mac";
    } else if (!a.ip.empty()) {
      // Among devices with this IP, the one whose asset tag is the host name's first label.
      auto [from, to] = by_ip.equal_range(a.ip);
      for (auto i = from; i != to; ++i) {
        if (!a.hostname.empty() && ascii_lower(i->second->device_id) == first_label(a.hostname)) {
          row.device = i->second;
          row.basis = "ip+hostname";
          break;
        }
        if (row.device == nullptr) {
          row.device = i->second;
          row.basis = "ip";
        }
      }
    }
    if (row.device != nullptr) {
      row.status = Reconciled::matched;
      seen.insert(row.device);
      const devices::Device& d = *row.device;
      if (!d.ip.empty() && !a.ip.empty() && d.ip != a.ip) row.conflicts.push_back({"ip", d.ip, a.ip});
      const std::string cmms_mac = normalise_mac(d.mac);
      if (!cmms_mac.empty() && !a.mac.empty() && cmms_mac != a.mac) row.conflicts.push_back({"mac", d.mac, a.mac});
    }
    rows.push_back(std::move(row));
  }
  for (const devices::Device& d : devices) {
    if (seen.contains(&d)) continue;
    ReconciledRow row;
    row.status = Reconciled::unseen;
    row.device = &d;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ward::discovery

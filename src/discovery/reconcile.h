// Discovered hosts against the CMMS inventory (devices/device.h), into one list: each host
// matched to a device — by MAC first, then by IP (with "ip+hostname" when the host name's first
// label is the device's asset tag) — or "new" (seen, not in the CMMS); each device never seen
// "unseen". A match whose facts disagree (the CMMS IP is not the IP seen; the CMMS MAC is not the
// MAC seen) carries the conflict. Nothing is written anywhere: the CMMS record stays as imported,
// and the same inputs give the same list (a re-run changes nothing). The CMMS import has no host
// name column, so a host name alone never matches.
#pragma once

#include <string>
#include <vector>

#include "devices/device.h"
#include "discovery/discovered_asset.h"

namespace ward::discovery {

enum class Reconciled { matched, new_device, unseen };
std::string_view to_string(Reconciled r);  // "matched", "new", "unseen"

struct FieldConflict {
  std::string field;      // "ip", "mac"
  std::string cmms;       // as the CMMS record has it
  std::string observed;   // as the network showed it
};

struct ReconciledRow {
  Reconciled status = Reconciled::new_device;
  const DiscoveredAsset* asset = nullptr;        // null for unseen devices
  const devices::Device* device = nullptr;       // null for new hosts
  std::string basis;                             // "mac", "ip+hostname", "ip"; "" when unmatched
  std::vector<FieldConflict> conflicts;
  std::vector<std::string> hints;                // medical_hints of the asset
};

// Rows for every asset (in the assets' order) then every unseen device (in the devices' order).
// Pointers point into the two vectors, which must outlive the rows.
std::vector<ReconciledRow> reconcile(const std::vector<DiscoveredAsset>& assets,
                                     const std::vector<devices::Device>& devices);

}  // namespace ward::discovery

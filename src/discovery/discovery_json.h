// Discovered hosts and reconciled rows as JSON (the API, `ward devices discovered --format
// json`), CSV and text; and the value sets as the JSON the store keeps in `facts`.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "discovery/discovered_asset.h"
#include "discovery/reconcile.h"

namespace ward::discovery {

// {"protocols": [...], "services": [...], …, "dropped": {"server_names": 12}} (dropped only
// when some set was full).
nlohmann::json facts_json(const DiscoveredAsset& a);
// Reads facts_json's text into `a`'s sets; fails (field "facts") on text that is not such JSON.
Result<void> read_facts(std::string_view text, DiscoveredAsset& a);

// The host: key, ip, mac, hostname, vendor, first_seen / last_seen (ISO 8601 UTC) and the facts.
nlohmann::json asset_json(const DiscoveredAsset& a);

// {"status", "basis", "device_id", "asset": {...} | null, "cmms": {ip, mac, …} | null,
//  "conflicts": [{field, cmms, observed}], "hints": [...]}
nlohmann::json row_json(const ReconciledRow& row);

// Header and one line per row: status,basis,device_id,asset_key,ip,mac,hostname,vendor,
// first_seen,last_seen,services,conflicts,hints (lists joined with "; ").
std::string rows_csv(const std::vector<ReconciledRow>& rows);

// One line per row for a person: "new      ip:10.1.2.3 10.1.2.3 … services 104/tcp; hints …".
std::string rows_text(const std::vector<ReconciledRow>& rows);

}  // namespace ward::discovery

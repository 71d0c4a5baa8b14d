-- Ward store: passive device discovery (issue 8, src/discovery/discovery_store.h). One row per
-- host seen on the network, keyed "mac:<mac>" when a log gave its MAC (DHCP), else "ip:<ip>".
-- `facts` is a JSON object of the value sets (protocols, services, user_agents, server_names,
-- ja3, software, vendor_classes, sources). Reconciliation with the devices table is computed
-- when shown, never written back to it.
CREATE TABLE discovered_assets (
  asset_key TEXT PRIMARY KEY,
  ip TEXT NOT NULL DEFAULT '',
  mac TEXT NOT NULL DEFAULT '',
  hostname TEXT NOT NULL DEFAULT '',
  vendor TEXT NOT NULL DEFAULT '',
  first_seen_ns INTEGER NOT NULL,
  last_seen_ns INTEGER NOT NULL,
  ip_seen_ns INTEGER NOT NULL,
  name_seen_ns INTEGER NOT NULL,
  facts TEXT NOT NULL,
  updated_ns INTEGER NOT NULL
);
CREATE INDEX discovered_assets_ip ON discovered_assets (ip);

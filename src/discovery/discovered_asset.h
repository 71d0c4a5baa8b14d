// A host Ward has seen on the network (passive discovery, docs/devices.md#passive-discovery):
// its addresses and name, what it spoke and served, when, and from which logs. Keyed by MAC
// when a log gave one (DHCP, Zeek's MAC logging), else by IP. Start with `DiscoveredAsset`;
// `observation` is what one log record says about one host.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace ward::discovery {

// A small sorted set of texts with a cap: a host that asks for thousands of TLS server names
// keeps the first kMaxValues in sort order and counts the rest as `dropped`.
class ValueSet {
 public:
  static constexpr std::size_t kMaxValues = 32;
  void add(std::string_view value);
  void merge(const ValueSet& other);
  const std::vector<std::string>& values() const { return values_; }
  std::size_t dropped() const { return dropped_; }
  void set_dropped(std::size_t n) { dropped_ = n; }
  bool empty() const { return values_.empty(); }
  bool operator==(const ValueSet&) const = default;

 private:
  std::vector<std::string> values_;
  std::size_t dropped_ = 0;
};

struct DiscoveredAsset {
  std::string key;       // "mac:00:09:5c:01:02:03" or "ip:10.1.2.3"
  std::string ip;        // the address last seen (for a MAC-keyed host, the latest lease)
  std::string mac;       // lower-case, colon-separated; "" when no log gave one
  std::string hostname;  // DHCP host_name (or client_fqdn), the latest
  std::string vendor;    // the MAC's IEEE OUI organisation, "" when unknown
  TimeNs first_seen = 0, last_seen = 0;
  TimeNs ip_seen = 0;    // when `ip` was seen: a later observation of another address wins
  TimeNs name_seen = 0;  // when `hostname` was seen, the same way
  ValueSet protocols;    // Zeek logs it appeared in: "conn", "dhcp", "dns", "ssl", …
  ValueSet services;     // ports it answered on: "104/tcp dicom", "443/tcp ssl"
  ValueSet user_agents, server_names, ja3, software, vendor_classes;
  ValueSet applications; // as it named itself: "HL7 EHRApp (GHHRFacility)", "DICOM AE CT_SCANNER_3"
  ValueSet sources;      // the files (or listeners) it was seen in

  bool operator==(const DiscoveredAsset&) const = default;
};

// Every value set of a host with its name (the store's facts, the JSON, merging).
struct NamedValueSet {
  const char* name;
  ValueSet DiscoveredAsset::*set;
};
inline constexpr NamedValueSet kValueSets[] = {
    {"protocols", &DiscoveredAsset::protocols},       {"services", &DiscoveredAsset::services},
    {"user_agents", &DiscoveredAsset::user_agents},   {"server_names", &DiscoveredAsset::server_names},
    {"ja3", &DiscoveredAsset::ja3},                   {"software", &DiscoveredAsset::software},
    {"vendor_classes", &DiscoveredAsset::vendor_classes}, {"sources", &DiscoveredAsset::sources},
    {"applications", &DiscoveredAsset::applications},
};

// What one log record says about one host. Views into the record: valid during the call only.
struct Observation {
  std::string_view ip, mac, hostname;
  std::string_view protocol;  // the log ("conn", "dhcp")
  std::string_view service;   // "104/tcp dicom" when the host answered there
  std::string_view user_agent, server_name, ja3, software, vendor_class;
  std::string_view application;  // an HL7 sender's MSH-3/MSH-4, a DICOM AE title
  TimeNs time = 0;
};

// "00:09:5c:01:02:03" from "00-09-5C-01-02-03", "0009.5c01.0203" or "00095c010203"; "" when the
// text is not a 48-bit MAC.
std::string normalise_mac(std::string_view text);

// The key a host is kept under: "mac:<mac>" when `mac` is given, else "ip:<ip>".
std::string asset_key(std::string_view ip, std::string_view mac);

// Adds what `o` says to `asset` (times widen, sets grow, the latest address and name win).
void apply(DiscoveredAsset& asset, const Observation& o, std::string_view source);

// Folds `from` (the same host under another key, or the same key stored earlier) into `into`.
void merge(DiscoveredAsset& into, const DiscoveredAsset& from);

// True for addresses of a local network: RFC 1918, 100.64/10, 169.254/16, IPv6 fc00::/7 and
// fe80::/10. Public addresses are servers on the Internet, not the hospital's devices.
bool is_local_address(std::string_view ip);

}  // namespace ward::discovery

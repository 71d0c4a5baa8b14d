// DiscoveredAsset (discovered_asset.h): value sets, MAC forms, merging and local addresses.
#include "discovery/discovered_asset.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/hex_digit.h"

namespace ward::discovery {

void ValueSet::add(std::string_view value) {
  if (value.empty()) return;
  auto at = std::lower_bound(values_.begin(), values_.end(), value);
  if (at != values_.end() && *at == value) return;
  if (values_.size() < kMaxValues) {
    values_.insert(at, std::string(value));
    return;
  }
  ++dropped_;  // full: the value is counted, not kept
}

void ValueSet::merge(const ValueSet& other) {
  for (const std::string& v : other.values_) add(v);
  dropped_ = std::max(dropped_, other.dropped_);
}

std::string normalise_mac(std::string_view text) {
  std::string hex;
  for (char c : text) {
    if (c == ':' || c == '-' || c == '.') continue;
    const int d = hex_digit(c);
    if (d < 0 || hex.size() == 12) return {};
    hex += "0123456789abcdef"[d];
  }
  if (hex.size() != 12) return {};
  std::string out;
  for (std::size_t i = 0; i < 12; i += 2) {
    if (i > 0) out += ':';
    out.append(hex, i, 2);
  }
  return out;
}

std::string asset_key(std::string_view ip, std::string_view mac) {
  return mac.empty() ? "ip:" + std::string(ip) : "mac:" + std::string(mac);
}

namespace {

void widen(DiscoveredAsset& a, TimeNs first, TimeNs last) {
  if (a.first_seen == 0 || (first != 0 && first < a.first_seen)) a.first_seen = first;
  a.last_seen = std::max(a.last_seen, last);
}

// The later of two facts with their times wins; on a tie the one already kept stays.
void take_latest(std::string& value, TimeNs& seen, std::string_view other, TimeNs other_seen) {
  if (other.empty()) return;
  if (value.empty() || other_seen > seen) {
    value = std::string(other);
    seen = other_seen;
  }
}

}  // namespace

void apply(DiscoveredAsset& a, const Observation& o, std::string_view source) {
  widen(a, o.time, o.time);
  take_latest(a.ip, a.ip_seen, o.ip, o.time);
  take_latest(a.hostname, a.name_seen, o.hostname, o.time);
  if (a.mac.empty() && !o.mac.empty()) a.mac = std::string(o.mac);
  a.protocols.add(o.protocol);
  a.services.add(o.service);
  a.user_agents.add(o.user_agent);
  a.server_names.add(o.server_name);
  a.ja3.add(o.ja3);
  a.software.add(o.software);
  a.vendor_classes.add(o.vendor_class);
  a.applications.add(o.application);
  a.sources.add(source);
}

void merge(DiscoveredAsset& into, const DiscoveredAsset& from) {
  widen(into, from.first_seen, from.last_seen);
  take_latest(into.ip, into.ip_seen, from.ip, from.ip_seen);
  take_latest(into.hostname, into.name_seen, from.hostname, from.name_seen);
  if (into.mac.empty()) into.mac = from.mac;
  if (into.vendor.empty()) into.vendor = from.vendor;
  for (const NamedValueSet& v : kValueSets) (into.*v.set).merge(from.*v.set);
}

namespace {

// The four bytes of a dotted IPv4 address, or false.
bool ipv4(std::string_view s, std::array<int, 4>& out) {
  for (int i = 0; i < 4; ++i) {
    const char* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, out[i]);
    if (ec != std::errc() || out[i] < 0 || out[i] > 255) return false;
    s.remove_prefix(static_cast<std::size_t>(p - s.data()));
    if (i < 3) {
      if (s.empty() || s[0] != '.') return false;
      s.remove_prefix(1);
    }
  }
  return s.empty();
}

}  // namespace

bool is_local_address(std::string_view ip) {
  std::array<int, 4> b{};
  if (ipv4(ip, b)) {
    return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) ||
           (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || (b[0] == 169 && b[1] == 254);
  }
  if (ip.find(':') == std::string_view::npos || ip.size() < 2) return false;
  const int h0 = hex_digit(ip[0]), h1 = hex_digit(ip[1]);
  if (h0 < 0 || h1 < 0) return false;
  const int first = h0 * 16 + h1;  // the first byte when the first group has four digits
  const std::size_t colon = ip.find(':');
  if (colon != 4) return false;
  return (first & 0xfe) == 0xfc || (first == 0xfe && (hex_digit(ip[2]) & 0xc) == 0x8);
}

}  // namespace ward::discovery

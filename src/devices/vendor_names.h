// Vendor names as keys: advisories and inventories spell one manufacturer many ways ("Philips",
// "Phillips", "Becton, Dickinson and Company (BD)", "BD"). A VendorAliases table maps each
// normalised spelling to one canonical key; built-in defaults, extended by the `devices.
// vendor_aliases` config section. Immutable once built; thread-safe to read.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ward::devices {

// Lower case ASCII, accents folded (ä -> a), punctuation as spaces, company suffixes dropped
// ("inc", "ltd", "ag", "company"…): "B. Braun Melsungen AG" -> "b braun melsungen".
std::string normalise_name(std::string_view name);

// Words of a normalised product or model name: "IntelliVue MX40 (WLAN only)" -> intellivue, mx40, wlan, only.
std::vector<std::string> name_words(std::string_view name);

class VendorAliases {
 public:
  // canonical name -> its other spellings, as written in config (normalised here).
  using Table = std::map<std::string, std::vector<std::string>>;
  static Table defaults();
  explicit VendorAliases(const Table& table = defaults());

  // The canonical keys a vendor string stands for: the whole name, a parenthesised short form
  // ("(BD)"), and — when the whole is not a known name — each of several vendors joined by
  // "and" or commas ("Silex Technology and GE Healthcare").
  std::set<std::string> keys(std::string_view vendor) const;

 private:
  std::string canonical(const std::string& normalised) const;
  std::map<std::string, std::string> to_canonical_;
};

}  // namespace ward::devices

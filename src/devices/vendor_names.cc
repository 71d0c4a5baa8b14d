// Vendor name normalisation and the alias table (vendor_names.h).
#include "devices/vendor_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

#include "core/ascii_case.h"

namespace ward::devices {
namespace {

constexpr std::array<std::string_view, 16> kCompanyWords = {
    "inc", "ltd", "llc", "co", "corp", "corporation", "company", "ag", "gmbh", "oy", "sa", "plc", "the",
    "limited", "incorporated", "yhtyma"};

// Latin-1 letters in UTF-8 folded to ASCII (the accents vendor names carry: Dräger, Yhtymä).
char fold_utf8(unsigned char lead, unsigned char next) {
  if (lead != 0xC3) return ' ';
  static constexpr std::string_view kFold = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
  if (next < 0x80 || next > 0xBF) return ' ';
  return kFold[next - 0x80];
}

std::string words_text(std::string_view name, bool drop_company_words) {
  std::string flat;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      if (i + 1 < name.size()) flat += ascii_lower(fold_utf8(c, static_cast<unsigned char>(name[i + 1])));
      ++i;
      continue;
    }
    if (c == '+') flat += " plus ";  // "XR656+" is "XR656 Plus", not "XR656"
    else flat += std::isalnum(c) ? ascii_lower(static_cast<char>(c)) : ' ';
  }
  std::istringstream in(flat);
  std::string word, out;
  while (in >> word) {
    if (drop_company_words && std::find(kCompanyWords.begin(), kCompanyWords.end(), word) != kCompanyWords.end()) continue;
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == ',')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string normalise_name(std::string_view name) { return words_text(name, true); }

std::vector<std::string> name_words(std::string_view name) {
  std::istringstream in(words_text(name, false));
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

VendorAliases::Table VendorAliases::defaults() {
  return {
      {"philips", {"phillips", "koninklijke philips", "philips healthcare", "philips medical systems"}},
      {"ge healthcare", {"ge", "general electric", "general electric ge", "ge medical systems", "gehc"}},
      {"bd", {"becton dickinson", "becton dickinson and", "becton dickinson bd", "carefusion"}},
      {"b braun", {"b braun medical", "b braun melsungen", "braun"}},
      {"hillrom", {"hill rom", "hill-rom"}},
      {"baxter", {"baxter international", "baxter healthcare"}},
      {"medtronic", {"medtronic plc"}},
      {"siemens", {"siemens healthineers", "siemens healthcare"}},
      {"draeger", {"drager", "draegerwerk"}},
      {"abbott", {"abbott laboratories"}},
      {"natus", {"natus medical"}},
      {"smiths medical", {"smiths group"}},
      {"fresenius kabi", {"fresenius"}},
  };
}

VendorAliases::VendorAliases(const Table& table) {
  for (const auto& [name, aliases] : table) {
    const std::string key = normalise_name(name);
    to_canonical_[key] = key;
    for (const std::string& alias : aliases) to_canonical_[normalise_name(alias)] = key;
  }
}

std::string VendorAliases::canonical(const std::string& normalised) const {
  const auto it = to_canonical_.find(normalised);
  return it == to_canonical_.end() ? normalised : it->second;
}

std::set<std::string> VendorAliases::keys(std::string_view vendor) const {
  std::set<std::string> out;
  std::string_view whole = vendor;
  if (const auto open = vendor.find('('); open != std::string_view::npos) {
    const auto close = vendor.find(')', open);
    const std::string inner = normalise_name(vendor.substr(open + 1, close == std::string_view::npos ? std::string_view::npos : close - open - 1));
    if (!inner.empty()) out.insert(canonical(inner));
    whole = vendor.substr(0, open);
  }
  const std::string normalised = normalise_name(whole);
  if (normalised.empty()) return out;
  out.insert(canonical(normalised));
  if (to_canonical_.contains(normalised)) return out;
  // Several vendors in one string: split on commas and " and ".
  std::string text(whole);
  for (std::size_t at; (at = text.find(" and ")) != std::string::npos;) text.replace(at, 5, ",");
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string part = normalise_name(trim(rest.substr(0, comma)));
    if (!part.empty() && part != normalised) out.insert(canonical(part));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace ward::devices

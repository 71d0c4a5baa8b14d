// medical_hints (medical_hints.h): the port table, the makers and the words.
#include "discovery/medical_hints.h"

#include <array>
#include <string_view>

#include <fmt/format.h>

#include "core/ascii_case.h"

namespace ward::discovery {
namespace {

struct PortHint {
  std::string_view port;  // "104/tcp": the start of a service text
  std::string_view what;
};
constexpr std::array<PortHint, 3> kPorts = {{
    {"104/tcp", "DICOM (IANA acr-nema/dicom, 104/tcp)"},
    {"11112/tcp", "DICOM (IANA dicom, 11112/tcp)"},
    {"2575/tcp", "HL7 v2 over MLLP (IANA hl7, 2575/tcp)"},
}};

// Medical device makers as their IEEE OUI registrations begin (checked against Debian's
// ieee-data oui.csv), lower-case.
constexpr std::array<std::string_view, 24> kMakers = {
    "philips medical", "ge healthcare", "baxter", "b. braun", "b.braun", "draeger", "drägerwerk",
    "mindray", "shenzhen mindray", "spacelabs", "nihon kohden", "carefusion", "becton", "icu medical",
    "hospira", "siemens healthcare", "siemens healthineers", "medtronic", "masimo", "welch allyn",
    "fresenius", "zoll", "smiths medical", "hamilton medical"};

// Words in a host name or vendor class that name a clinical device, lower-case, matched as a
// whole word (split at anything not a letter).
constexpr std::array<std::string_view, 18> kWords = {
    "pump", "infusion", "alaris", "ventilator", "vent", "monitor", "intellivue", "pacs", "dicom",
    "modality", "mri", "ct", "xray", "ultrasound", "ecg", "ekg", "telemetry", "hl7"};

const std::string_view* maker_of(std::string_view text) {
  const std::string lower = ascii_lower(text);
  for (const std::string_view& m : kMakers)
    if (std::string_view(lower).starts_with(m)) return &m;
  return nullptr;
}

// The first clinical word or maker in `text`, or "".
std::string clinical_word(std::string_view text) {
  const std::string lower = ascii_lower(text);
  if (const std::string_view* m = maker_of(lower)) return std::string(*m);
  std::size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && !(lower[i] >= 'a' && lower[i] <= 'z')) ++i;
    std::size_t j = i;
    while (j < lower.size() && lower[j] >= 'a' && lower[j] <= 'z') ++j;
    const std::string_view word = std::string_view(lower).substr(i, j - i);
    for (const std::string_view& w : kWords)
      if (word == w) return std::string(w);
    i = j;
  }
  return {};
}

}  // namespace

std::vector<std::string> medical_hints(const DiscoveredAsset& a) {
  std::vector<std::string> hints;
  for (const PortHint& p : kPorts) {
    for (const std::string& s : a.services.values()) {
      if (s == p.port || s.starts_with(fmt::format("{} ", p.port))) {
        hints.push_back(fmt::format("answers on {}", p.what));
        break;
      }
    }
  }
  if (!a.vendor.empty() && maker_of(a.vendor) != nullptr)
    hints.push_back(fmt::format("MAC vendor {} (IEEE OUI) is a medical device maker", a.vendor));
  if (std::string w = clinical_word(a.hostname); !w.empty())
    hints.push_back(fmt::format("host name {} has \"{}\"", a.hostname, w));
  for (const std::string& v : a.vendor_classes.values()) {
    if (std::string w = clinical_word(v); !w.empty()) {
      hints.push_back(fmt::format("DHCP vendor class {} has \"{}\"", v, w));
      break;
    }
  }
  // What it said it is to Ward's listeners or in ATNA audit messages: the first of each kind.
  for (const auto& [prefix, what] : {std::pair<std::string_view, std::string_view>{"HL7 ", "sends HL7 v2 to Ward as"},
                                     {"DICOM AE ", "DICOM application entity"}}) {
    for (const std::string& v : a.applications.values()) {
      if (v.starts_with(prefix)) {
        hints.push_back(fmt::format("{} {}", what, std::string_view(v).substr(prefix.size())));
        break;
      }
    }
  }
  return hints;
}

}  // namespace ward::discovery

// Names of PHI types (finding.h).
#include "phi/finding.h"

#include <array>

namespace ward::phi {
namespace {

struct TypeName {
  std::string_view name;
  std::string_view description;
};

constexpr std::array<TypeName, kPhiTypeCount> kNames = {{
    {"name", "person name"},
    {"geography", "address or place smaller than a state"},
    {"date", "date (an element other than the year)"},
    {"age", "age over 89"},
    {"phone", "telephone number"},
    {"fax", "fax number"},
    {"email", "e-mail address"},
    {"ssn", "Social Security number"},
    {"mrn", "medical record number"},
    {"health_plan", "health plan beneficiary number"},
    {"account", "account or payment card number"},
    {"license", "certificate or licence number"},
    {"vehicle", "vehicle identifier or licence plate"},
    {"device", "device identifier or serial number"},
    {"url", "web address (URL)"},
    {"ip_address", "IP address"},
    {"biometric", "biometric identifier"},
    {"other_id", "other unique identifying number or code"},
}};

}  // namespace

std::string_view to_string(PhiType type) { return kNames[static_cast<std::size_t>(type)].name; }
std::string_view describe(PhiType type) { return kNames[static_cast<std::size_t>(type)].description; }

std::optional<PhiType> phi_type_from(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i].name == name) return static_cast<PhiType>(i);
  return std::nullopt;
}

}  // namespace ward::phi

// What the PHI scanner reports: one Finding per identifier found in a text, with its HIPAA Safe
// Harbor type, byte span, confidence and a reason a person can read (never the value itself).
// Start here, then scanner.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ward::phi {

// The Safe Harbor identifiers (45 CFR 164.514(b)(2)) that can appear in text.
enum class PhiType : std::uint8_t {
  name,
  geography,   // street, city, county, ZIP: units smaller than a state
  date,        // any date element but the year
  age,         // ages over 89
  phone,
  fax,
  email,
  ssn,
  mrn,
  health_plan,  // health plan beneficiary / member numbers
  account,      // account numbers, payment cards, IBANs
  license,      // certificate and licence numbers (driver's licence, DEA, NPI)
  vehicle,      // VINs and licence plates
  device,       // device identifiers and serial numbers, UDIs
  url,
  ip_address,
  biometric,
  other_id,
};
inline constexpr std::size_t kPhiTypeCount = 18;

std::string_view to_string(PhiType type);
std::optional<PhiType> phi_type_from(std::string_view name);
// One line for people ("e-mail address", "Social Security number").
std::string_view describe(PhiType type);

struct Finding {
  PhiType type = PhiType::other_id;
  std::size_t begin = 0;  // byte offsets into the scanned text, end exclusive
  std::size_t end = 0;
  double confidence = 0;  // 0..1
  std::string reason;     // why, e.g. "SSN pattern, valid area/group/serial"; never the value
};

}  // namespace ward::phi

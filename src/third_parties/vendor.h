// Vendors and business associates: what they provide, what depends on them, the PHI they get,
// their BAA, certifications and ways in. vendor_json.h reads and checks them; vendor_risk.h scores
// them; vendor_store.h keeps them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ward::third_parties {

inline constexpr std::string_view kCriticalities = "low, moderate, high, critical";
inline constexpr std::string_view kBaaStatuses = "none, requested, signed, expired, not_required";
inline constexpr std::string_view kAccessPaths = "remote_access, vpn, accounts, interface, on_site, cloud";

struct Certification {
  std::string name;     // "SOC 2 Type II", "HITRUST r2"
  std::string expires;  // YYYY-MM-DD
};

struct Vendor {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::string> services;  // what they provide: "claims clearinghouse"
  std::vector<std::string> systems;   // our systems and processes that depend on them: "billing"
  std::string criticality = "moderate";
  bool business_associate = false;
  std::vector<std::string> phi_categories;  // "demographic", "clinical", "financial"…
  std::int64_t phi_records = 0;             // about how many patients' records they hold or see
  std::string baa_status = "none";
  std::string baa_signed, baa_expires;      // YYYY-MM-DD or ""
  std::vector<Certification> certifications;
  std::vector<std::string> access_paths;    // of kAccessPaths
  std::string notes;
};

}  // namespace ward::third_parties

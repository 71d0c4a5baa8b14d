// The inputs of an SSVC decision for one device and one vulnerability, each derived from what
// Ward knows and saying how: exploitation from KEV and the advisory's exploit information,
// automatable and technical impact from the CVSS vector, safety and mission impact from the
// device's clinical flags, exposure from its network segment. What cannot be derived is an
// assumption with the conservative (worse) value, and says so. Plain functions, no state.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "devices/advisory.h"
#include "devices/device.h"

namespace ward::devices {

struct SsvcInput {
  std::string decision_point;  // as the published table names it: "Exploitation", "System Exposure"
  std::string value;           // a value name of that decision point, lower case: "public poc"
  std::string reason;          // why, for a person
  bool assumed = false;        // not derivable: the conservative default
};

// What the imported advisories say about one vulnerability.
struct VulnerabilityFacts {
  double cvss_base = 0;
  std::string cvss_vector;     // "CVSS:3.1/AV:N/…" or a CVSS v2 vector; "" when none
  std::string cvss_from;       // the other advisory the vector comes from; "" when it is the advisory's own
  std::string exploit_status;  // CSAF threats of category exploit_status
  std::string exploitability;  // the advisory's "Exploitability" note
};

// Facts by (advisory, CVE), a missing CVSS vector taken from another advisory of the same CVE (a
// KEV entry from a CSAF document), and the KEV catalogue's CVEs. Built once per match; read-only after.
class AdvisoryFacts {
 public:
  explicit AdvisoryFacts(const std::vector<Advisory>& advisories);

  // Empty facts when the advisory does not name the CVE.
  const VulnerabilityFacts& find(const std::string& advisory_id, const std::string& cve) const;
  bool in_kev(const std::string& cve) const { return kev_.contains(cve); }
  const std::string& kev_revision() const { return kev_revision_; }  // "" when KEV was not imported

 private:
  std::map<std::pair<std::string, std::string>, VulnerabilityFacts> by_advisory_;
  std::set<std::string> kev_;
  std::string kev_revision_;
  VulnerabilityFacts none_;
};

// Network segment names (lower case) mapped to "small", "controlled" or "open" (devices.ssvc.exposure).
using ExposureTable = std::map<std::string, std::string>;

SsvcInput exploitation(const std::string& cve, const VulnerabilityFacts& facts, const AdvisoryFacts& all);
SsvcInput automatable(const VulnerabilityFacts& facts);
SsvcInput technical_impact(const VulnerabilityFacts& facts);
SsvcInput safety_impact(const Device& d);       // negligible / marginal / critical / catastrophic
SsvcInput mission_impact(const Device& d);      // degraded / mef support crippled / mef failure
SsvcInput mission_well_being(const Device& d);  // CISA's Mission and Well-Being: low / medium / high
SsvcInput system_exposure(const Device& d, const ExposureTable& configured);  // small / controlled / open

}  // namespace ward::devices

// An advisory as the matcher sees it, whatever its source (CSAF 2.0 document or the CISA KEV
// catalogue): products with vendor, name, version range and identifiers, and vulnerabilities
// with their CVE, the product ids in each status, scores and remediations. Plain values.
#pragma once

#include <string>
#include <vector>

#include "devices/version_range.h"

namespace ward::devices {

struct AdvisoryProduct {
  std::string product_id;    // CSAF product_id ("CSAFPID-0001"); the CVE for KEV entries
  std::string vendor;        // vendor branch name as written ("Phillips")
  std::string product_name;  // product_name branch ("IntelliVue MX40")
  std::string version_text;  // product_version(_range) name as written; empty when none
  VersionRange range;        // parsed version_text
  std::string full_name;     // the product's full name ("IntelliVue MX40: < B.06.18")
  std::vector<std::string> cpes, purls, model_numbers;  // product_identification_helper
};

struct AdvisoryVulnerability {
  std::string cve;                         // may be empty (CSAF allows ids other than CVE)
  std::vector<std::string> affected;       // known_affected, first_affected, last_affected
  std::vector<std::string> fixed;          // fixed, first_fixed
  std::vector<std::string> not_affected;   // known_not_affected
  std::vector<std::string> investigating;  // under_investigation
  double cvss_base = 0;                    // highest CVSS v3/v2 base score given; 0 when none
  std::vector<std::string> remediations;   // "category: details" lines
  std::string cvss_vector;                 // the vector string of the highest base score; "" when none
  std::string exploit_status;              // threats of category exploit_status, details joined by "; "
};

struct Advisory {
  std::string id;        // document.tracking.id ("ICSMA-17-017-01"); "CISA-KEV" for the catalogue
  std::string revision;  // document.tracking.version; the KEV catalogVersion
  std::string title;
  std::string kind;      // "csaf" or "kev"
  std::string exploitability;  // document notes titled "Exploitability" (ICSMA: "No known public exploits…")
  std::vector<AdvisoryProduct> products;
  std::vector<AdvisoryVulnerability> vulnerabilities;
};

}  // namespace ward::devices

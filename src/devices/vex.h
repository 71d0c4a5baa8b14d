// VEX (Vulnerability Exploitability eXchange) statements in both formats Ward reads and writes:
// CSAF 2.0 VEX (product_status, flags, threats of category impact, remediations) and CycloneDX
// VEX (vulnerabilities[].analysis.state / justification / response / detail, affects). One
// neutral VexStatement per (CVE, product) holds the finest field of each format, so that
// CSAF -> CycloneDX -> CSAF and CycloneDX -> CSAF -> CycloneDX lose no status, justification,
// response or statement. Where one format is coarser, the writer carries the other's value:
// CycloneDX `properties` ward:csaf:* and a CSAF vulnerability note titled "ward:cyclonedx"
// (the mapping table is in docs/devices.md). A reader takes the carried values when present and
// derives them through the mapping otherwise (documents from elsewhere). Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "devices/advisory.h"

namespace ward::devices {

struct VexProduct {
  std::string id;  // CSAF product_id or CycloneDX bom-ref
  std::string vendor, name, version, cpe, purl;
};

struct VexRemediation {
  std::string category, details;  // CSAF: vendor_fix, workaround, mitigation, no_fix_planned, none_available
  bool operator==(const VexRemediation&) const = default;
};

struct VexStatement {
  std::string cve, product_id;
  std::string status;                // CSAF: known_affected, first_affected, last_affected, known_not_affected, fixed, first_fixed, under_investigation
  std::string state;                 // CycloneDX: exploitable, not_affected, false_positive, resolved, resolved_with_pedigree, in_triage
  std::string justification;         // CSAF flag label (component_not_present, vulnerable_code_not_present, …); may be empty
  std::string cdx_justification;     // CycloneDX justification (code_not_present, requires_environment, …); may be empty
  std::string impact;                // CSAF threat impact details = CycloneDX analysis.detail
  std::vector<VexRemediation> remediations;  // CSAF remediations (the action statement)
  std::vector<std::string> responses;        // CycloneDX: can_not_fix, will_not_fix, update, rollback, workaround_available
  std::string recommendation;                // CycloneDX recommendation
  bool operator==(const VexStatement&) const = default;
};

struct VexDocument {
  std::string id, revision, title, timestamp;
  std::vector<VexProduct> products;
  std::vector<VexStatement> statements;  // by CVE, then product id
};

// A CSAF 2.0 document (any category) as VEX; errors name the JSON path and field.
Result<VexDocument> vex_from_csaf(std::string_view json_text);
// A CycloneDX document with `vulnerabilities`; `affects` refs resolve to the document's own
// components or metadata.component, or, for a BOM-Link ("urn:cdx:…#pkg:…"), to the purl after '#'.
Result<VexDocument> vex_from_cyclonedx(std::string_view json_text);

std::string vex_to_csaf(const VexDocument& vex);       // a csaf_vex document, pretty-printed JSON
std::string vex_to_cyclonedx(const VexDocument& vex);  // a CycloneDX 1.6 VEX document, pretty-printed JSON

// The statements as an Advisory for the matcher (kind "csaf_vex" or "cyclonedx_vex" as given):
// known_not_affected and fixed clear the CVE for the product's devices.
Advisory advisory_from_vex(const VexDocument& vex, std::string kind);

// The mapping between the two formats' vocabularies (docs/devices.md has the table).
std::string state_of_status(std::string_view csaf_status);
std::string status_of_state(std::string_view cdx_state);
std::string cdx_justification_of(std::string_view csaf_label);
std::string csaf_justification_of(std::string_view cdx_justification);
std::string response_of(std::string_view remediation_category);
std::string remediation_category_of(std::string_view response);

// Fills the CSAF fields (status, justification, remediations) from the CycloneDX ones, and the
// other way round, through the mapping above: what a reader does when no carrier came along.
void derive_csaf_fields(VexStatement& s);
void derive_cyclonedx_fields(VexStatement& s);
inline void derive_missing(VexStatement& s) {
  derive_csaf_fields(s);
  derive_cyclonedx_fields(s);
}

}  // namespace ward::devices

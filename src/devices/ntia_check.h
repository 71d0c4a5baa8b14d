// The NTIA minimum elements of an SBOM ("The Minimum Elements For a Software Bill of Materials",
// NTIA 2021): per component supplier name, component name, version, other unique identifiers
// (a CPE or a purl), and a dependency relationship; per document the author of the SBOM data
// and a timestamp. check_ntia says what is missing, per component and overall. A supplier taken
// from CycloneDX `publisher` or `manufacturer` counts (the FDA case-study SBOMs use publisher);
// a tool named as the only author counts, and the report says so. Pure, thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "devices/sbom.h"

namespace ward::devices {

struct NtiaComponentGaps {
  std::string component;             // "name version" or the ref when the name is missing
  std::vector<std::string> missing;  // element names, in the order of kNtiaComponentElements
};

inline constexpr std::string_view kNtiaComponentElements[] = {"supplier", "name", "version", "unique_identifier",
                                                             "dependency_relationship"};

struct NtiaReport {
  std::vector<std::string> document_missing;  // "author", "timestamp", "dependency_relationship"
  std::vector<std::string> notes;             // e.g. "author: a tool only (…)"
  std::size_t components = 0;                 // checked, the subject among them
  std::vector<NtiaComponentGaps> gaps;        // components missing something, in document order
  std::map<std::string, std::size_t> missing_counts;  // element -> components missing it
  // Beyond NTIA, FDA premarket guidance: components giving a level of support and an end-of-support date.
  std::size_t with_level_of_support = 0, with_end_of_support = 0;
  bool complete() const { return document_missing.empty() && gaps.empty(); }
};

NtiaReport check_ntia(const Sbom& sbom);

// A person's report: one line overall, the counts, the FDA support fields, then one line per
// component with a gap.
std::string format_ntia(const NtiaReport& report, std::string_view file);

}  // namespace ward::devices

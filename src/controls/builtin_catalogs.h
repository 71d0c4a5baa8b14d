// The catalogues Ward carries (catalogs/ in the repository, built into the binary) by name:
// "csf-2.0", "hph-cpg", "hicp-405d", "hipaa-security", and the SP 800-53 rev5 baselines
// "sp800-53-low", "-moderate", "-high", "-privacy" (NIST's resolved HIGH and PRIVACY baseline
// catalogues cut down to NIST's baseline profile); any other name ending in ".json" is read as an
// OSCAL catalogue file, optionally cut down to an OSCAL profile.
// And the mappings between them (catalogs/mappings/). Plain functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "controls/oscal_catalog.h"
#include "core/error.h"

namespace ward::controls {

inline constexpr std::string_view kBuiltinCatalogs =
    "csf-2.0, hph-cpg, hicp-405d, hipaa-security, sp800-53-low, sp800-53-moderate, sp800-53-high, sp800-53-privacy";

// The catalogue named `name`, or an OSCAL file when the name ends in ".json". An unknown name is
// ErrorCode::not_found naming the ones Ward has.
Result<Catalog> find_catalog(std::string_view name);

// find_catalog(name) cut down to the OSCAL profile in the file `profile` (apply_profile), or
// unchanged when `profile` is "". A profile the catalogue cannot satisfy is invalid_input.
Result<Catalog> find_catalog(std::string_view name, const std::string& profile);

// Whether `id` is a control of one of Ward's built-in catalogues other than the SP 800-53
// baselines (what a questionnaire question may cite: third_parties/questionnaire_template.h).
bool is_builtin_control(std::string_view id);

// One pair of a mapping file: `from_id` in catalogue `from_catalog` bears on `to_id` in `to_catalog`.
struct MappingPair {
  std::string from_catalog, from_id, to_catalog, to_id;
};

// A mapping file (catalogs/README.md): '#' comment lines, a header
// "from_catalog,from_id,to_catalog,to_id", then one pair a line. Errors name `source` and line.
Result<std::vector<MappingPair>> parse_mapping(std::string_view csv_text, std::string_view source);

// Ward's mapping of the HHS HPH CPGs onto CSF 2.0 (catalogs/mappings/hph-cpg_to_csf-2.0.csv).
Result<std::vector<MappingPair>> cpg_to_csf_mapping();
// Ward's mappings of the HIPAA Security Rule specifications onto CSF 2.0 and onto the HPH CPGs
// (catalogs/mappings/hipaa-security_to_csf-2.0.csv, hipaa-security_to_hph-cpg.csv).
Result<std::vector<MappingPair>> hipaa_to_csf_mapping();
Result<std::vector<MappingPair>> hipaa_to_cpg_mapping();

}  // namespace ward::controls

// The catalogues Ward carries (catalogs/ in the repository, built into the binary) by name:
// "csf-2.0", "hph-cpg", "hicp-405d"; any other name ending in ".json" is read as an OSCAL
// catalogue file. And the mappings between them (catalogs/mappings/). Plain functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "controls/oscal_catalog.h"
#include "core/error.h"

namespace ward::controls {

inline constexpr std::string_view kBuiltinCatalogs = "csf-2.0, hph-cpg, hicp-405d";

// The catalogue named `name`, or an OSCAL file when the name ends in ".json". An unknown name is
// ErrorCode::not_found naming the ones Ward has.
Result<Catalog> find_catalog(std::string_view name);

// One pair of a mapping file: `from_id` in catalogue `from_catalog` bears on `to_id` in `to_catalog`.
struct MappingPair {
  std::string from_catalog, from_id, to_catalog, to_id;
};

// A mapping file (catalogs/README.md): '#' comment lines, a header
// "from_catalog,from_id,to_catalog,to_id", then one pair a line. Errors name `source` and line.
Result<std::vector<MappingPair>> parse_mapping(std::string_view csv_text, std::string_view source);

// Ward's mapping of the HHS HPH CPGs onto CSF 2.0 (catalogs/mappings/hph-cpg_to_csf-2.0.csv).
Result<std::vector<MappingPair>> cpg_to_csf_mapping();

}  // namespace ward::controls

// Person names and places in free text, found with dictionaries (dictionaries.h), capitals and
// context words rather than patterns: runs of capitalised words are scored as a name ("Dr.",
// "my name is", a known given name and surname) or a place ("lives in", a US place, an
// all-capitals line of an address block). Medical eponyms ("Parkinson's disease", "Foley
// catheter") and common English words need more evidence. States and countries are not PHI.
#pragma once

#include <string_view>
#include <vector>

#include "phi/dictionaries.h"
#include "phi/finding.h"

namespace ward::phi {

// Appends the names and places found in `text` to `out` (any confidence; the caller filters).
// `addresses`: street findings already made (sorted by offset); a place right after one
// ("…Bay Street, Toronto") is part of the address.
void find_names_and_places(std::string_view text, const Dictionaries& dictionaries, const std::vector<Finding>& addresses,
                           std::vector<Finding>& out);

}  // namespace ward::phi

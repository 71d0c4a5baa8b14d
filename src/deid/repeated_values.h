// Once a text has shown a value to be PHI, its other occurrences are PHI too: "John Smith" found
// by the scanner makes a later "Smith's wife" a name. Names repeat word by word (capitalised as
// found, 3+ letters, not a title); identifiers with a digit (MRNs, account numbers) repeat whole.
// De-identification adds these before replacing, so a surname is not left behind.
#pragma once

#include <string_view>
#include <vector>

#include "phi/finding.h"

namespace ward::deid {

// Titles and suffixes around a name ("Dr", "Mrs", "Jr", "MD", "III"): kept as they are, never
// looked for or replaced as part of the name. Compared without case.
bool is_name_title(std::string_view word);

// `findings` sorted by offset and not overlapping (as the scanner gives them); returns them
// with the repeats added, still sorted and not overlapping.
std::vector<phi::Finding> with_repeated_values(std::string_view text, std::vector<phi::Finding> findings,
                                               double min_confidence);

}  // namespace ward::deid

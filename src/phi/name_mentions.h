// Other mentions of a name already found in the same text: "the verses of Yuri Bulgakov … early
// Bulgakov", "directed by Jindřich Holinka and starring Holinka". A surname alone after its first
// full mention has no cue of its own; the first mention is the evidence (as a reader would take it).
#pragma once

#include <string_view>
#include <vector>

#include "phi/context.h"
#include "phi/dictionaries.h"
#include "phi/finding.h"

namespace ward::phi {

// Appends a name finding for each other whole-word occurrence, with the same bytes (so the same
// case), of a word of 4+ bytes from a name finding of confidence >= 0.6 in `findings`. Only words
// written as names are carried (not "RUNTIME", "CMake"), no common English word, nor a medical eponym before a lower-case word ("Parkinson" found
// in "Mr. Parkinson" does not make "Parkinson's disease" a name; "early Goldberg?" is one).
// `words`: words_of(text) (context.h).
void find_other_mentions(std::string_view text, const std::vector<TextWord>& words, const Dictionaries& dictionaries,
                         std::vector<Finding>& findings);

}  // namespace ward::phi

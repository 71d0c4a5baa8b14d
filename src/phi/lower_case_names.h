// Names and places written in lower case ("follow up with eva kleist", "mr. elliott",
// "my friend lives in harburg"), which the capital-letter finder (name_finder.h) cannot see.
// Start with find_lower_case_names(); the cue lists are in name_cues.h.
#pragma once

#include <string_view>
#include <vector>

#include "phi/context.h"
#include "phi/dictionaries.h"
#include "phi/finding.h"

namespace ward::phi {

// Appends to `out`, for lower-case words only (a capitalised word is name_finder's):
//  - a given name and a surname, both in the dictionaries, neither a common English word, a
//    medical eponym, state or country ("patricia desrosiers"); or a given name, an initial and a word
//    that is not a common English word ("benjamin a seiler", "eric g. samoylova");
//  - a word that is not a common English word after a title ("mr. elliott") or a strong name
//    cue ("my name is lena", "call me višeslav"), with a second such word when it follows;
//  - a word of 4+ letters that is not a common English word after a place phrase ("lives in
//    harburg", "flew to finnbogastaðir").
// `words`: words_of(text) (context.h).
void find_lower_case_names(std::string_view text, const std::vector<TextWord>& words, const Dictionaries& dictionaries,
                           std::vector<Finding>& out);

}  // namespace ward::phi

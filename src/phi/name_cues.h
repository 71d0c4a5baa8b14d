// Cue words shared by the name and place finders (name_finder.cc, lower_case_names.cc): titles
// before a name, phrases that make the next words a name ("my name is") or a place ("lives in").
// Lower case, compared without case as whole words (context.h).
#pragma once

#include <initializer_list>
#include <string_view>

#include "phi/context.h"

namespace ward::phi {

inline constexpr WordList kTitles{{"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "mx", "madam",
                                      "mister", "doctor"}};

// Before a name even when its words are also common words ("my name is Rose").
inline const std::initializer_list<std::string_view> kStrongNameCues = {
    "name is", "named", "called", "i'm", "i am", "this is", "patient", "pt", "dear", "hi", "hello", "said", "asked",
    "told", "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "friend", "partner",
    "guardian", "spouse", "signed", "seen by", "referred by", "tribute to", "maiden name is", "kid", "name", "says",
    "directed by", "producer", "songwriter", "remember me", "speak to", "under", "named him", "named her", "call me",
    "called me", "calls me", "call him", "call her", "shouted at", "yelled at", "said to", "spoke to", "talked to",
    "spoke with", "talked with"};

// Phrases after which even a given name is a place ("originally from Dolores").
inline const std::initializer_list<std::string_view> kPlacePhrases = {
    "originally from", "grew up in", "university of", "flew to", "moved here from", "moved to", "returned to",
    "travelling to", "traveling to", "lives in", "live in", "born in", "based in", "located in", "friend lives in"};

}  // namespace ward::phi

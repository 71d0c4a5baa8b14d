// How a text's lines open with a word and a colon: the speakers of a dialogue ("Nicole: Remember
// me, Mary?") or the headings of a clinical note or a form ("Labs: Na 137", "HEENT: normal",
// "Mood: euthymic"). The name finder asks it once per text: in a dialogue a speaker's name is a
// name even when it is also a word; in text headed line by line the first word is a heading.
#pragma once

#include <span>
#include <string_view>

#include "phi/dictionaries.h"

namespace ward::phi {

// A line that opens with a capitalised or all-capital word, then a colon.
struct LineOpening {
  std::string_view word;  // before the colon
  bool all_caps = false;
  std::string_view rest;  // of the line, after the colon
};

struct LineHeads {
  // Two or more lines open with a given name or a word that is no English word and go on as
  // speech.
  bool dialogue = false;
  // Three or more lines open so, most of them not with a given name that is no English word.
  bool headed = false;
};

LineHeads read_line_heads(std::span<const LineOpening> openings, const Dictionaries& d);

// Whether what follows a speaker's colon reads as speech: a question, an exclamation, a
// quotation, or the speaker's "I" and "you" ("Remember me, Mary?", "You saved my life!"), as a
// note's "Labs: Na 137" or "Mood: euthymic" does not.
bool reads_as_speech(std::string_view rest);

}  // namespace ward::phi

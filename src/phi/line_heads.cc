// Speakers and headings at the start of lines (line_heads.h).
#include "phi/line_heads.h"

#include "phi/context.h"

namespace ward::phi {
namespace {

constexpr WordList kSpeechWords{{"i", "i'm", "i've", "i'll", "i'd", "me", "my", "mine", "you", "you're", "your", "yours"}};

}  // namespace

bool reads_as_speech(std::string_view rest) {
  if (rest.find_first_of("?!\"") != std::string_view::npos || rest.find("\xE2\x80\x9C") != std::string_view::npos) return true;
  for (std::size_t i = 0; i < rest.size();) {
    if (!is_word_byte(rest[i])) { ++i; continue; }
    std::size_t j = i;
    while (j < rest.size() && (is_word_byte(rest[j]) || rest[j] == '\'')) ++j;
    if (kSpeechWords.contains(rest.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

LineHeads read_line_heads(std::span<const LineOpening> openings, const Dictionaries& d) {
  int speech = 0, named = 0;
  for (const LineOpening& line : openings) {
    const WordKinds kinds = d.words.lookup(line.word);
    // "Labs:", "SURGEON:": a word of the language, or capitals, opens no dialogue.
    if (line.all_caps || (!kinds.given_name() && kinds.vocabulary())) continue;
    if (kinds.given_name() && !kinds.vocabulary()) ++named;
    if (reads_as_speech(line.rest)) ++speech;
  }
  const auto lines = static_cast<int>(openings.size());
  return LineHeads{.dialogue = speech >= 2, .headed = lines >= 3 && 2 * named < lines};
}

}  // namespace ward::phi

// Names and places written in lower case (lower_case_names.h).
#include "phi/lower_case_names.h"

#include <algorithm>

#include "phi/context.h"
#include "phi/name_cues.h"

namespace ward::phi {
namespace {

using Word = TextWord;

bool lower_case_letters(std::string_view w) {
  if (w.empty() || w[0] < 'a' || w[0] > 'z') return false;
  return std::none_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
}

// The lists that make a lower-case word more than a name or a place: English words, eponyms,
// states and countries.
constexpr std::uint8_t kNotPlain = WordKinds::kCommonWord | WordKinds::kEponym | WordKinds::kState | WordKinds::kCountry;

// "mr. elliott", "dr smith".
bool after_title(std::string_view text, std::size_t pos) {
  std::string_view before = previous_word(text, pos);
  if (!before.empty() && before.back() == '.') before.remove_suffix(1);
  return kTitles.contains(before);
}

// Only the cues that introduce a name and nothing else: the broader kStrongNameCues ("patient",
// "under") are followed by lower-case drugs and procedures.
const std::initializer_list<std::string_view> kLowerCaseNameCues = {"name is", "named", "call me", "called me", "calls me",
                                                                    "maiden name is", "name's"};

bool initial(const Word& w) { return w.text.size() == 1 && w.text[0] >= 'a' && w.text[0] <= 'z'; }

// Whether only one space (or ". " after an initial) separates `a` and `b`.
bool joined(std::string_view text, const Word& a, const Word& b) {
  const std::string_view gap = text.substr(a.end, b.begin - a.end);
  return gap == " " || (initial(a) && gap == ". ");
}

}  // namespace

void find_lower_case_names(std::string_view text, const std::vector<TextWord>& words, const Dictionaries& d,
                           std::vector<Finding>& out) {
  // The lists of every lower-case word of 3+ letters, looked up together so that their cache
  // misses overlap ("" for the others, which cannot be plain name words).
  std::vector<std::string_view> asked(words.size());
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i].text.size() >= 3 && lower_case_letters(words[i].text)) asked[i] = words[i].text;
  std::vector<WordKinds> kinds(words.size());
  d.words.lookup(asked, kinds);
  // A plain name word could only be a name or a place.
  auto plain = [&](std::size_t i) { return !asked[i].empty() && !kinds[i].any(kNotPlain); };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    // Every rule below starts from a plain name word: most words stop here.
    if (!plain(i)) continue;
    const bool given = kinds[i].given_name();
    const Word* next = i + 1 < words.size() && joined(text, w, words[i + 1]) ? &words[i + 1] : nullptr;
    const Word* third = next && i + 2 < words.size() && joined(text, *next, words[i + 2]) ? &words[i + 2] : nullptr;
    if (given && next && plain(i + 1) && kinds[i + 1].surname()) {
      out.push_back(Finding{PhiType::name, w.begin, next->end, 0.8, "lower-case given name and surname from the name dictionaries"});
      ++i;
    } else if (given && next && initial(*next) && third && plain(i + 2)) {
      out.push_back(Finding{PhiType::name, w.begin, third->end, 0.8, "lower-case given name, initial and name"});
      i += 2;
    } else if (after_title(text, w.begin) || cue_before(text, w.begin, kLowerCaseNameCues)) {
      const bool two = next && plain(i + 1);
      out.push_back(Finding{PhiType::name, w.begin, two ? next->end : w.end, 0.8,
                            "lower-case word that is not a common English word, after a title or a name cue"});
      if (two) ++i;
    } else if (w.text.size() >= 4 && cue_before(text, w.begin, kPlacePhrases)) {
      out.push_back(Finding{PhiType::geography, w.begin, w.end, 0.75,
                            "lower-case word that is not a common English word, after a place phrase (\"lives in\")"});
    }
  }
}

}  // namespace ward::phi

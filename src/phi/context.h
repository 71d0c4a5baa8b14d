// Context words around a candidate: "call me at", "MRN", "DOB", "Dr.", "lives in", "fax".
// A label near a candidate raises its confidence or decides its type (fax vs phone); a medical
// word after an eponym ("disease", "catheter") says it is not a person.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

namespace ward::phi {

// Whether one of `words` (ASCII, lower case, may contain spaces) occurs as whole words within
// `window` bytes before `pos`, ignoring case.
bool word_before(std::string_view text, std::size_t pos, std::initializer_list<std::string_view> words,
                 std::size_t window);
// The same after `pos`.
bool word_after(std::string_view text, std::size_t pos, std::initializer_list<std::string_view> words,
                std::size_t window);
// The word (letters, digits, apostrophes, dots inside) just before `pos`, skipping spaces and a
// colon ("Where: Oslo"); "" if none.
std::string_view previous_word(std::string_view text, std::size_t pos);
// The word just after `pos`, skipping spaces and one opening quote.
std::string_view next_word(std::string_view text, std::size_t pos);
// Whether the text just before `pos` (skipping spaces, tabs and : , ? ") ends with one of `cues`
// (lower case, whole words), e.g. "my name is" before "Jane".
bool cue_before(std::string_view text, std::size_t pos, std::initializer_list<std::string_view> cues);
// Whether the text just after `pos` (past a possessive 's, a comma, a space) starts with one of `cues`.
bool cue_after(std::string_view text, std::size_t pos, std::initializer_list<std::string_view> cues);
// The end of the word starting at `begin`: word bytes, with an apostrophe or hyphen inside kept
// (O'Brien, Jean-Luc) but not a possessive 's at its end.
std::size_t word_end(std::string_view text, std::size_t begin);
// A word of a text, as word_end reads it: [begin, end) and its bytes.
struct TextWord {
  std::size_t begin = 0, end = 0;
  std::string_view text;
};
// Every word of `text` in order (runs of word bytes, each to its word_end); made once per scan for
// the finders that read every word (lower_case_names.h, name_mentions.h).
std::vector<TextWord> words_of(std::string_view text);
// Both inline: the name finders call them for every word against every list entry.
// Whether `a` equals `lower` (ASCII lower case) ignoring the case of ASCII letters.
inline bool equals_folded(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != lower[i]) return false;
  }
  return true;
}
// A constant list of lower-case words, asked whether it holds a word ignoring ASCII case
// ("de", "van", "von" among the particles): the entries are kept by first letter, with the
// lengths each letter's have, so most words are ruled out at once and the rest compared with a
// few entries only.
//   constexpr WordList kParticles{{"de", "da", "van"}};
template <std::size_t N>
class WordList {
 public:
  constexpr WordList(const std::string_view (&words)[N]) {  // NOLINT: a list literal converts
    for (std::size_t i = 0; i < N; ++i) {
      words_[i] = words[i];
      if (words[i].empty() || words[i][0] < 'a' || words[i][0] > 'z' || words[i].size() >= 32) indexed_ = false;
      else lengths_[static_cast<std::size_t>(words[i][0] - 'a')] |= std::uint32_t{1} << words[i].size();
    }
    if (!indexed_) return;
    for (std::size_t i = 1; i < N; ++i)  // by first letter (insertion sort: constexpr, and N is small)
      for (std::size_t k = i; k > 0 && words_[k - 1][0] > words_[k][0]; --k) std::swap(words_[k - 1], words_[k]);
    for (std::size_t letter = 0, at = 0; letter < 26; ++letter) {
      while (at < N && static_cast<std::size_t>(words_[at][0] - 'a') < letter) ++at;
      first_[letter] = at;
    }
    first_[26] = N;
  }
  bool contains(std::string_view word) const {
    std::size_t from = 0, to = N;
    if (indexed_ && !word.empty()) {
      const char c = word[0] >= 'A' && word[0] <= 'Z' ? static_cast<char>(word[0] - 'A' + 'a') : word[0];
      if (c < 'a' || c > 'z' || word.size() >= 32) return false;
      const auto letter = static_cast<std::size_t>(c - 'a');
      if (((lengths_[letter] >> word.size()) & 1) == 0) return false;
      from = first_[letter];
      to = first_[letter + 1];
    }
    for (std::size_t i = from; i < to; ++i)
      if (equals_folded(word, words_[i])) return true;
    return false;
  }
  const std::string_view* begin() const { return words_.data(); }
  const std::string_view* end() const { return words_.data() + N; }

 private:
  std::array<std::string_view, N> words_{};
  std::array<std::uint32_t, 26> lengths_{};  // bit L of a letter's: an entry of length L starts with it
  std::array<std::size_t, 27> first_{};      // where each letter's entries begin in words_ (when indexed)
  bool indexed_ = true;                      // false: an entry the index cannot hold; all are compared
};

// Whether a word of `value` is a short label in capitals ("HR", "GCS", "POD") or the name of a
// vital sign or lab ("SpO2", "Hgb", "Cr"): numbers beside it are readings ("BP 120/80 HR 72", "Na
// 138 K 4.1"), not a street and its house number.
bool names_a_measure(std::string_view value);
// Whether `word` names a vital sign, lab or exam item ("HR", "Hgb", "Cr", "CN", "POD"), by a list.
bool is_measure_label(std::string_view word);

// Whether `c` is one of the few bytes in `chars`: a loop the compiler unrolls, where
// string_view::find would call memchr for each byte asked about.
inline bool is_one_of(char c, std::string_view chars) {
  for (char x : chars)
    if (x == c) return true;
  return false;
}
// Letters, digits and any byte of a UTF-8 sequence.
inline bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

}  // namespace ward::phi

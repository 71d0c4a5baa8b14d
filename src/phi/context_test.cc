// The word helpers the name finders call for every word (context.h): WordList answers as a plain
// comparison with every entry does, and words_of reads the words word_end reads.
#include "phi/context.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

template <std::size_t N>
bool compared_with_every_entry(const WordList<N>& list, std::string_view word) {
  return std::any_of(list.begin(), list.end(), [&](std::string_view w) { return equals_folded(word, w); });
}

TEST(WordList, FindsEntriesInAnyAsciiCaseAndNothingElse) {
  constexpr WordList kList{{"van", "de", "della", "von", "i'm", "du"}};
  for (std::string_view w : {"van", "VAN", "Von", "dE", "Della", "I'M", "du"}) EXPECT_TRUE(kList.contains(w)) << w;
  for (std::string_view w : {"", "va", "vans", "del", "dell", "x", "im", "Dü", "1de", " de"}) EXPECT_FALSE(kList.contains(w)) << w;
}

// An entry the first-letter index cannot hold (a digit, a long word) makes the list compare all.
TEST(WordList, ComparesEveryEntryWhenOneIsNotALetterWord) {
  constexpr WordList kList{{"24/7", "b", "a-very-long-entry-of-forty-bytes-or-more"}};
  EXPECT_TRUE(kList.contains("24/7"));
  EXPECT_TRUE(kList.contains("A-Very-Long-Entry-Of-Forty-Bytes-Or-More"));
  EXPECT_TRUE(kList.contains("B"));
  EXPECT_FALSE(kList.contains("24/8"));
}

// Every word of a sample text, and each with a letter changed, answers as a comparison with every
// entry does.
TEST(WordList, AgreesWithComparingEveryEntry) {
  constexpr WordList kList{{"the", "a", "an", "my", "your", "his", "her", "our", "their", "this", "that", "hi", "hello",
                            "dear", "and", "but", "or", "if", "when", "where", "what", "why", "how", "is", "was"}};
  const std::string text =
      "The patient and HER daughter said hello; Where is THAT chart? Ask Dr. Hart why our Hallo note was late, "
      "his or hers, an ANT, a Dear John letter, if When, BUT not Butter.";
  for (const TextWord& w : words_of(text)) {
    std::string changed(w.text);
    changed.back() = changed.back() == 'z' ? 'y' : 'z';
    EXPECT_EQ(kList.contains(w.text), compared_with_every_entry(kList, w.text)) << w.text;
    EXPECT_EQ(kList.contains(changed), compared_with_every_entry(kList, changed)) << changed;
  }
}

TEST(WordsOf, ReadsWordsAsWordEndDoes) {
  const std::string_view text = "O'Brien's Jean-Luc met 3 x-ray techs -- don't, 'quoted'";
  std::vector<std::string_view> words;
  for (const TextWord& w : words_of(text)) {
    EXPECT_EQ(w.end, word_end(text, w.begin));
    EXPECT_EQ(w.text, text.substr(w.begin, w.end - w.begin));
    words.push_back(w.text);
  }
  // A possessive 's is left out of the name (its s then reads as a word of its own).
  EXPECT_EQ(words, (std::vector<std::string_view>{"O'Brien", "s", "Jean-Luc", "met", "3", "x-ray", "techs", "don't", "quoted"}));
}

}  // namespace
}  // namespace ward::phi

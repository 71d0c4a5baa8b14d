// Word lists the name and place finder consults: given names, surnames, US places, states and
// countries (not PHI, so not flagged), medical eponyms (Parkinson, Foley: clinical terms, not
// people) and common English words (Young, Price: names only with more evidence).
// Lookups fold ASCII case. Immutable once built; safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <cstdint>
#include <vector>

namespace ward::phi {

// Folds ASCII letters to lower case; other bytes (UTF-8) are kept.
std::string fold_case(std::string_view text);

// A flat open-addressing table over one buffer of folded words: a look-up folds and hashes the
// word in one pass and compares bytes in place, with no copy and no allocation.
class WordSet {
 public:
  WordSet() = default;
  // One entry per line; blank lines are skipped.
  explicit WordSet(std::string_view lines);
  bool contains(std::string_view word) const;  // case-insensitive (ASCII); false for ""
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0, length = 0;  // in words_; length 0: empty slot
  };
  void insert(std::string_view folded_word);
  std::string words_;        // the folded words, one after another
  std::vector<Slot> slots_;  // a power of two, at most half full
  std::size_t size_ = 0;
};

struct Dictionaries {
  WordSet given_names, surnames, places, states, countries, eponyms, common_words;

  // The lists compiled into the binary from data/phi (built once, on first use).
  static const Dictionaries& embedded();
};

}  // namespace ward::phi

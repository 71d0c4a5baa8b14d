// Word lists the name and place finder consults: given names, surnames, US places, states and
// countries (not PHI, so not flagged), medical eponyms (Parkinson, Foley: clinical terms, not
// people) and common English words (Young, Price: names only with more evidence).
// Lookups fold ASCII case. Immutable once built; safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace ward::phi {

// Folds ASCII letters to lower case; other bytes (UTF-8) are kept.
std::string fold_case(std::string_view text);

class WordSet {
 public:
  WordSet() = default;
  // One entry per line; blank lines are skipped.
  explicit WordSet(std::string_view lines);
  bool contains(std::string_view word) const;  // case-insensitive (ASCII)
  std::size_t size() const { return words_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
};

struct Dictionaries {
  WordSet given_names, surnames, places, states, countries, eponyms, common_words;

  // The lists compiled into the binary from data/phi (built once, on first use).
  static const Dictionaries& embedded();
};

}  // namespace ward::phi

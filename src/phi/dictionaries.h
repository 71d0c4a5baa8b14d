// Word lists the name and place finder consults: given names, surnames, US places, states and
// countries (not PHI, so not flagged), medical eponyms (Parkinson, Foley: clinical terms, not
// people), clinical terms (Xarelto, Mepilex, PACU, Klebsiella: no one's name) and common English
// words (Young, Price: names only with more evidence). All lists are
// one table keyed by the folded word, whose entry says which lists hold it, so a word is hashed
// and found once for every question asked about it. Lookups fold ASCII case. Immutable once
// built; safe to share between threads.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ward::phi {

// Folds ASCII letters to lower case; other bytes (UTF-8) are kept.
std::string fold_case(std::string_view text);

// The lists a word is on (Lexicon::lookup); none for a word on no list.
struct WordKinds {
  enum Kind : std::uint8_t {
    kGivenName = 1 << 0,
    kSurname = 1 << 1,
    kPlace = 1 << 2,
    kState = 1 << 3,
    kCountry = 1 << 4,
    kEponym = 1 << 5,
    kCommonWord = 1 << 6,
    kClinicalTerm = 1 << 7,
  };
  std::uint8_t bits = 0;

  bool any(std::uint8_t kinds) const { return (bits & kinds) != 0; }
  bool given_name() const { return any(kGivenName); }
  bool surname() const { return any(kSurname); }
  bool place() const { return any(kPlace); }
  bool state() const { return any(kState); }
  bool country() const { return any(kCountry); }
  bool eponym() const { return any(kEponym); }
  bool common_word() const { return any(kCommonWord); }
  bool clinical_term() const { return any(kClinicalTerm); }
  // A word of the language, English or clinical: no name by itself.
  bool vocabulary() const { return any(kCommonWord | kClinicalTerm); }
};

// A flat open-addressing table over one buffer of folded words: a look-up folds and hashes the
// word in one pass and compares bytes in place, with no copy and no allocation.
class Lexicon {
 public:
  // A word list: one entry per line (blank lines skipped; trailing spaces and CR dropped), and
  // the kind its entries get. `lines` is copied; it need not outlive the lexicon.
  struct List {
    std::string_view lines;
    WordKinds::Kind kind;
  };
  Lexicon() = default;
  explicit Lexicon(std::initializer_list<List> lists);
  // Case-insensitive (ASCII); no kinds for "" or a word on no list.
  WordKinds lookup(std::string_view word) const;
  // The same for each of `words`, into `kinds` (as many): a few at a time, each one's slot
  // fetched before the first is compared, so the cache misses of a long list overlap.
  void lookup(std::span<const std::string_view> words, std::span<WordKinds> kinds) const;
  std::size_t size() const { return size_; }  // distinct folded entries

 private:
  struct Slot {  // 16 bytes
    std::uint32_t tag = 0;                 // the high half of the word's hash (the low bits place it)
    std::uint32_t offset = 0, length = 0;  // in words_; length 0: empty slot
    WordKinds kinds;
  };
  // The slot holding `word`, or the empty one where it would go.
  std::size_t slot_of(std::string_view word, std::uint64_t hash) const;
  WordKinds kinds_at(std::size_t slot) const { return slots_[slot].length != 0 ? slots_[slot].kinds : WordKinds{}; }
  std::string words_;        // the folded words, one after another
  std::vector<Slot> slots_;  // a power of two, at most half full
  std::size_t size_ = 0;
};

struct Dictionaries {
  Lexicon words;  // given names, surnames, places, states, countries, eponyms, clinical terms, common words

  // The lists compiled into the binary from data/phi (built once, on first use).
  static const Dictionaries& embedded();
};

}  // namespace ward::phi

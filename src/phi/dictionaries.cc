// Word lists for the name and place finder (dictionaries.h).
#include "phi/dictionaries.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "phi/embedded_dictionaries.h"

namespace ward::phi {

std::string fold_case(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {

char folded(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Up to 8 bytes of `p` as one little-endian word, zero bytes after the n-th (n <= 8).
std::uint64_t load_bytes(const char* p, std::size_t n) {
  std::uint64_t v = 0;
  if (n == 8) {
    std::memcpy(&v, p, 8);
  } else {
    for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return v;
}

// The 8 bytes with ASCII upper-case letters folded to lower case, all at once; other bytes kept.
std::uint64_t fold_bytes(std::uint64_t x) {
  constexpr std::uint64_t k01 = 0x0101010101010101ull, k80 = 0x8080808080808080ull;
  const std::uint64_t low7 = x & ~k80;                        // no carry between bytes below
  const std::uint64_t at_least_a = low7 + (0x80 - 'A') * k01;  // top bit: low7 >= 'A'
  const std::uint64_t above_z = low7 + (0x80 - 'Z' - 1) * k01;  // top bit: low7 > 'Z'
  const std::uint64_t upper = at_least_a & ~above_z & ~x & k80;  // …and the byte is ASCII
  return x | (upper >> 2);                                    // 0x80 >> 2 is the case bit 0x20
}

// A hash of the folded word, 8 bytes a step.
std::uint64_t folded_hash(std::string_view word) {
  std::uint64_t hash = word.size() * 0x9E3779B97F4A7C15ull;
  for (std::size_t at = 0; at < word.size(); at += 8) {
    hash = (hash ^ fold_bytes(load_bytes(word.data() + at, std::min<std::size_t>(8, word.size() - at)))) * 0xBF58476D1CE4E5B9ull;
    hash ^= hash >> 31;
  }
  hash *= 0x94D049BB133111EBull;
  return hash ^ (hash >> 29);
}

// Whether `word` folded is `lower` (already folded, of the same size), 8 bytes a step.
bool same_folded(std::string_view word, std::string_view lower) {
  for (std::size_t at = 0; at < word.size(); at += 8) {
    const std::size_t n = std::min<std::size_t>(8, word.size() - at);
    if (fold_bytes(load_bytes(word.data() + at, n)) != load_bytes(lower.data() + at, n)) return false;
  }
  return true;
}

// The entries of a list: its non-blank lines without trailing CR and spaces.
template <typename Visit>
void for_each_entry(std::string_view lines, Visit visit) {
  while (!lines.empty()) {
    const std::size_t eol = lines.find('\n');
    std::string_view line = lines.substr(0, eol);
    lines = eol == std::string_view::npos ? std::string_view() : lines.substr(eol + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) visit(line);
  }
}

}  // namespace

Lexicon::Lexicon(std::initializer_list<List> lists) {
  std::size_t entries = 0;
  for (const List& list : lists) for_each_entry(list.lines, [&](std::string_view) { ++entries; });
  std::size_t capacity = 16;
  while (capacity < 2 * entries) capacity *= 2;
  slots_.resize(capacity);
  for (const List& list : lists) {
    for_each_entry(list.lines, [&](std::string_view word) {
      const std::uint64_t hash = folded_hash(word);
      Slot& s = slots_[slot_of(word, hash)];
      if (s.length == 0) {
        s = Slot{static_cast<std::uint32_t>(hash >> 32), static_cast<std::uint32_t>(words_.size()),
                 static_cast<std::uint32_t>(word.size()), {}};
        for (char c : word) words_ += folded(c);
        ++size_;
      }
      s.kinds.bits |= list.kind;
    });
  }
}

std::size_t Lexicon::slot_of(std::string_view word, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  std::size_t at = static_cast<std::size_t>(hash) & mask;
  for (; slots_[at].length != 0; at = (at + 1) & mask) {
    const Slot& s = slots_[at];
    if (s.tag == tag && s.length == word.size() && same_folded(word, std::string_view(words_).substr(s.offset, s.length)))
      break;
  }
  return at;
}

WordKinds Lexicon::lookup(std::string_view word) const {
  if (word.empty() || slots_.empty()) return {};
  return kinds_at(slot_of(word, folded_hash(word)));
}

void Lexicon::lookup(std::span<const std::string_view> words, std::span<WordKinds> kinds) const {
  constexpr std::size_t kAhead = 64;  // words whose first slot is fetched before any is compared
  std::array<std::uint64_t, kAhead> hashes{};
  const std::size_t mask = slots_.empty() ? 0 : slots_.size() - 1;
  for (std::size_t base = 0; base < words.size(); base += kAhead) {
    const std::size_t n = std::min(kAhead, words.size() - base);
    for (std::size_t i = 0; i < n; ++i) {
      hashes[i] = folded_hash(words[base + i]);
      if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<std::size_t>(hashes[i]) & mask]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view word = words[base + i];
      kinds[base + i] = word.empty() || slots_.empty() ? WordKinds{} : kinds_at(slot_of(word, hashes[i]));
    }
  }
}

const Dictionaries& Dictionaries::embedded() {
  static const Dictionaries kEmbedded{Lexicon{{embedded::k_given_names, WordKinds::kGivenName},
                                              {embedded::k_surnames, WordKinds::kSurname},
                                              {embedded::k_places, WordKinds::kPlace},
                                              {embedded::k_states, WordKinds::kState},
                                              {embedded::k_countries, WordKinds::kCountry},
                                              {embedded::k_eponyms, WordKinds::kEponym},
                                              {embedded::k_clinical_eponyms, WordKinds::kEponym},
                                              {embedded::k_clinical_terms, WordKinds::kClinicalTerm},
                                              {embedded::k_common_words, WordKinds::kCommonWord}}};
  return kEmbedded;
}

}  // namespace ward::phi

// Word lists for the name and place finder (dictionaries.h).
#include "phi/dictionaries.h"

#include "phi/context.h"
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

std::uint64_t folded_hash(std::string_view word) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a over the folded bytes
  for (char c : word) hash = (hash ^ static_cast<unsigned char>(folded(c))) * 1099511628211ull;
  return hash;
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
    if (s.tag == tag && s.length == word.size() && equals_folded(word, std::string_view(words_).substr(s.offset, s.length)))
      break;
  }
  return at;
}

WordKinds Lexicon::lookup(std::string_view word) const {
  if (word.empty() || slots_.empty()) return {};
  const Slot& s = slots_[slot_of(word, folded_hash(word))];
  return s.length != 0 ? s.kinds : WordKinds{};
}

const Dictionaries& Dictionaries::embedded() {
  static const Dictionaries kEmbedded{Lexicon{{embedded::k_given_names, WordKinds::kGivenName},
                                              {embedded::k_surnames, WordKinds::kSurname},
                                              {embedded::k_places, WordKinds::kPlace},
                                              {embedded::k_states, WordKinds::kState},
                                              {embedded::k_countries, WordKinds::kCountry},
                                              {embedded::k_eponyms, WordKinds::kEponym},
                                              {embedded::k_common_words, WordKinds::kCommonWord}}};
  return kEmbedded;
}

}  // namespace ward::phi

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

}  // namespace

WordSet::WordSet(std::string_view lines) {
  std::vector<std::string_view> entries;
  while (!lines.empty()) {
    const std::size_t eol = lines.find('\n');
    std::string_view line = lines.substr(0, eol);
    lines = eol == std::string_view::npos ? std::string_view() : lines.substr(eol + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) entries.push_back(line);
  }
  std::size_t capacity = 16;
  while (capacity < 2 * entries.size()) capacity *= 2;
  slots_.resize(capacity);
  for (std::string_view e : entries) insert(e);
}

void WordSet::insert(std::string_view word) {
  if (contains(word)) return;
  const std::uint64_t hash = folded_hash(word);
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = static_cast<std::size_t>(hash) & mask;
  while (slots_[at].length != 0) at = (at + 1) & mask;
  slots_[at] = Slot{hash, static_cast<std::uint32_t>(words_.size()), static_cast<std::uint32_t>(word.size())};
  for (char c : word) words_ += folded(c);
  ++size_;
}

bool WordSet::contains(std::string_view word) const {
  if (word.empty() || slots_.empty()) return false;
  const std::uint64_t hash = folded_hash(word);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = static_cast<std::size_t>(hash) & mask; slots_[at].length != 0; at = (at + 1) & mask) {
    const Slot& s = slots_[at];
    if (s.hash == hash && s.length == word.size() &&
        equals_folded(word, std::string_view(words_).substr(s.offset, s.length)))
      return true;
  }
  return false;
}

const Dictionaries& Dictionaries::embedded() {
  static const Dictionaries kEmbedded{
      WordSet(embedded::k_given_names), WordSet(embedded::k_surnames),  WordSet(embedded::k_places),
      WordSet(embedded::k_states),      WordSet(embedded::k_countries), WordSet(embedded::k_eponyms),
      WordSet(embedded::k_common_words)};
  return kEmbedded;
}

}  // namespace ward::phi

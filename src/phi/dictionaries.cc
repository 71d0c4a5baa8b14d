// Word lists for the name and place finder (dictionaries.h).
#include "phi/dictionaries.h"

#include "phi/embedded_dictionaries.h"

namespace ward::phi {

std::string fold_case(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

WordSet::WordSet(std::string_view lines) {
  while (!lines.empty()) {
    const std::size_t eol = lines.find('\n');
    std::string_view line = lines.substr(0, eol);
    lines = eol == std::string_view::npos ? std::string_view() : lines.substr(eol + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) words_.insert(fold_case(line));
  }
}

bool WordSet::contains(std::string_view word) const {
  char buffer[64] = {};
  if (word.size() > sizeof buffer) return words_.find(fold_case(word)) != words_.end();
  for (std::size_t i = 0; i < word.size(); ++i)
    buffer[i] = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
  return words_.find(std::string_view(buffer, word.size())) != words_.end();
}

const Dictionaries& Dictionaries::embedded() {
  static const Dictionaries kEmbedded{
      WordSet(embedded::k_given_names), WordSet(embedded::k_surnames),  WordSet(embedded::k_places),
      WordSet(embedded::k_states),      WordSet(embedded::k_countries), WordSet(embedded::k_eponyms),
      WordSet(embedded::k_common_words)};
  return kEmbedded;
}

}  // namespace ward::phi

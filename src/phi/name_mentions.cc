// Other mentions of a name found in the same text (name_mentions.h).
#include "phi/name_mentions.h"

#include <algorithm>
#include <string>

#include "phi/context.h"

namespace ward::phi {
namespace {

// Whether a lower-case word follows `pos` (past a possessive 's or '): an eponym used as a term.
bool before_lower_case_word(std::string_view text, std::size_t pos) {
  if (text.substr(pos, 2) == "'s") pos += 2;
  else if (text.substr(pos, 1) == "'") pos += 1;
  const std::string_view next = next_word(text, pos);
  return !next.empty() && next[0] >= 'a' && next[0] <= 'z';
}

// "Bulgakov", "samoylova", "Jean-Luc": one capital or none, at the start of each part, and no
// digit; not "RUNTIME", "CMake" or "Rules-Requires-Root" (acronyms and identifiers).
bool name_shaped(std::string_view w) {
  if (std::count(w.begin(), w.end(), '-') > 1) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (c >= '0' && c <= '9') return false;
    if (c >= 'A' && c <= 'Z' && i > 0 && w[i - 1] != '-') return false;
  }
  return true;
}

}  // namespace

void find_other_mentions(std::string_view text, const Dictionaries& d, std::vector<Finding>& findings) {
  std::vector<std::string_view> carried;
  for (const Finding& f : findings) {
    if (f.type != PhiType::name || f.confidence < 0.6) continue;
    const std::string_view span = text.substr(f.begin, f.end - f.begin);
    for (std::size_t i = 0; i < span.size();) {
      if (!is_word_byte(span[i])) { ++i; continue; }
      std::size_t j = i;
      while (j < span.size() && (is_word_byte(span[j]) || (span[j] == '-' && j + 1 < span.size() && is_word_byte(span[j + 1])))) ++j;
      const std::string_view w = span.substr(i, j - i);
      if (w.size() >= 4 && name_shaped(w) && !d.common_words.contains(w) &&
          std::find(carried.begin(), carried.end(), w) == carried.end())
        carried.push_back(w);
      i = j;
    }
  }
  const std::size_t found = findings.size();
  for (std::string_view w : carried) {
    for (std::size_t at = text.find(w); at != std::string_view::npos; at = text.find(w, at + 1)) {
      const std::size_t end = at + w.size();
      if ((at > 0 && is_word_byte(text[at - 1])) || (end < text.size() && is_word_byte(text[end]))) continue;
      if (d.eponyms.contains(w) && before_lower_case_word(text, end)) continue;  // "Parkinson's disease"
      const bool covered = std::any_of(findings.begin(), findings.begin() + static_cast<std::ptrdiff_t>(found),
                                       [&](const Finding& f) { return f.begin <= at && end <= f.end; });
      if (!covered) findings.push_back(Finding{PhiType::name, at, end, 0.7, "another mention of a name found in this text"});
    }
  }
}

}  // namespace ward::phi

// Other mentions of a name found in the same text (name_mentions.h).
#include "phi/name_mentions.h"

#include <algorithm>
#include <bitset>
#include <string>
#include <unordered_set>

#include "phi/context.h"
#include "phi/found_spans.h"

namespace ward::phi {
namespace {

constexpr double kCarriedConfidence = 0.6;  // the names whose words are carried
constexpr double kMentionConfidence = 0.7;

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

void find_other_mentions(std::string_view text, const std::vector<TextWord>& words, const Dictionaries& d,
                         std::vector<Finding>& findings) {
  std::unordered_set<std::string_view> carried;  // of 4+ bytes
  // The first two bytes of the carried words: most words of a text are passed without hashing.
  std::bitset<65536> first_bytes;
  auto first_two = [](std::string_view w) { return static_cast<unsigned char>(w[0]) << 8 | static_cast<unsigned char>(w[1]); };
  std::vector<std::string_view> shaped;  // name-shaped words of 4+ bytes in the names found
  for (const Finding& f : findings) {
    if (f.type != PhiType::name || f.confidence < kCarriedConfidence) continue;
    const std::string_view span = text.substr(f.begin, f.end - f.begin);
    for (std::size_t i = 0; i < span.size();) {
      if (!is_word_byte(span[i])) { ++i; continue; }
      const std::size_t j = word_end(span, i);
      const std::string_view w = span.substr(i, j - i);
      if (w.size() >= 4 && name_shaped(w)) shaped.push_back(w);
      i = j;
    }
  }
  std::vector<WordKinds> kinds(shaped.size());
  d.words.lookup(shaped, kinds);  // together, so that their cache misses overlap
  for (std::size_t i = 0; i < shaped.size(); ++i) {
    if (kinds[i].vocabulary()) continue;
    carried.insert(shaped[i]);
    first_bytes.set(first_two(shaped[i]));
  }
  if (carried.empty()) return;
  // One pass over the words of the text: whole words, the same bytes as a carried one.
  // A name finding too unsure to be carried (a capitalised word alone, kept at a low
  // --min-confidence) does not hide a mention: the two are merged with the mention's confidence
  // (resolve_overlaps). A carried one does: a word is not another mention of itself.
  const FoundSpans found(findings, [](const Finding& f) { return !(f.type == PhiType::name && f.confidence < kCarriedConfidence); });
  std::vector<Finding> added;
  for (const auto& [i, j, w] : words) {
    const bool is_carried = w.size() >= 4 && first_bytes.test(first_two(w)) && carried.contains(w);
    if (is_carried && !found.contains(i, j) && !(d.words.lookup(w).eponym() && before_lower_case_word(text, j)))
      added.push_back(Finding{PhiType::name, i, j, kMentionConfidence, "another mention of a name found in this text"});
  }
  findings.insert(findings.end(), added.begin(), added.end());
}

}  // namespace ward::phi

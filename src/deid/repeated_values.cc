// Other occurrences of values a text has shown to be PHI (repeated_values.h).
#include "deid/repeated_values.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/ascii_case.h"

namespace ward::deid {
namespace {

bool is_word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80; }

struct Wanted {
  std::string text;
  phi::PhiType type;
};

// The words of a found name, and found identifiers with a digit, worth looking for again.
std::vector<Wanted> wanted_values(std::string_view text, const std::vector<phi::Finding>& findings, double min_confidence) {
  std::vector<Wanted> out;
  for (const phi::Finding& f : findings) {
    if (f.confidence < min_confidence) continue;
    const std::string_view value = text.substr(f.begin, f.end - f.begin);
    if (f.type == phi::PhiType::name) {
      for (std::size_t i = 0; i < value.size();) {
        if (!is_word_byte(value[i])) { ++i; continue; }
        std::size_t j = i;
        while (j < value.size() && is_word_byte(value[j])) ++j;
        const std::string_view w = value.substr(i, j - i);
        if (w.size() >= 3 && std::isupper(static_cast<unsigned char>(w[0])) && !is_name_title(w))
          out.push_back({std::string(w), f.type});
        i = j;
      }
    } else if (f.type != phi::PhiType::date && f.type != phi::PhiType::age && value.size() >= 5 &&
               std::any_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      out.push_back({std::string(value), f.type});
    }
  }
  std::sort(out.begin(), out.end(), [](const Wanted& a, const Wanted& b) { return a.text < b.text; });
  out.erase(std::unique(out.begin(), out.end(), [](const Wanted& a, const Wanted& b) { return a.text == b.text; }), out.end());
  return out;
}

}  // namespace

bool is_name_title(std::string_view word) {
  static constexpr std::string_view kTitles[] = {"dr", "mr", "mrs", "ms", "miss", "prof", "jr", "sr", "ii",
                                                 "iii", "iv", "md", "rn", "np", "pa", "do"};
  const std::string folded = ascii_lower(word);
  return std::find(std::begin(kTitles), std::end(kTitles), folded) != std::end(kTitles);
}

std::vector<phi::Finding> with_repeated_values(std::string_view text, std::vector<phi::Finding> findings,
                                               double min_confidence) {
  const std::vector<Wanted> wanted = wanted_values(text, findings, min_confidence);
  if (wanted.empty()) return findings;
  auto covered = [&](std::size_t b, std::size_t e) {
    auto it = std::upper_bound(findings.begin(), findings.end(), b, [](std::size_t x, const phi::Finding& f) { return x < f.begin; });
    if (it != findings.begin() && std::prev(it)->end > b) return true;
    return it != findings.end() && it->begin < e;
  };
  std::vector<phi::Finding> added;
  for (const Wanted& w : wanted) {
    for (std::size_t at = text.find(w.text); at != std::string_view::npos; at = text.find(w.text, at + 1)) {
      const std::size_t end = at + w.text.size();
      // Whole words only: "Smith" in "Smith's" but not in "Smithfield".
      if ((at > 0 && is_word_byte(text[at - 1])) || (end < text.size() && is_word_byte(text[end]))) continue;
      if (covered(at, end)) continue;
      if (std::any_of(added.begin(), added.end(), [&](const phi::Finding& f) { return at < f.end && f.begin < end; })) continue;
      added.push_back(phi::Finding{w.type, at, end, 0.9, "the same value was found as PHI elsewhere in this text"});
    }
  }
  findings.insert(findings.end(), added.begin(), added.end());
  std::sort(findings.begin(), findings.end(), [](const phi::Finding& a, const phi::Finding& b) { return a.begin < b.begin; });
  return findings;
}

}  // namespace ward::deid

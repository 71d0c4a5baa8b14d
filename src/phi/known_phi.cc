// Finding a record's own known values in its text (known_phi.h).
#include "phi/known_phi.h"

#include <algorithm>

#include <fmt/format.h>

#include "phi/context.h"
#include "phi/dictionaries.h"

namespace ward::phi {
namespace {

struct FoldedWord {
  std::size_t begin, end;
  std::string folded;  // lower case; for numbers, the digits alone
};

std::vector<FoldedWord> folded_words_of(std::string_view text) {
  std::vector<FoldedWord> out;
  for (const TextWord& w : words_of(text)) {
    std::string folded = fold_case(w.text);
    if (std::all_of(folded.begin(), folded.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; }))
      folded.erase(std::remove(folded.begin(), folded.end(), '-'), folded.end());
    out.push_back(FoldedWord{w.begin, w.end, std::move(folded)});
  }
  return out;
}

// Damerau-Levenshtein (optimal string alignment) distance, stopping early above `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.size()];
}

std::size_t allowed_edits(const std::string& word) {
  if (std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;  // ids: exact
  return word.size() >= 8 ? 2 : word.size() >= 4 ? 1 : 0;
}

}  // namespace

Result<std::vector<KnownValue>> parse_known_values(std::string_view text) {
  std::vector<KnownValue> out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t sep = line.find_first_of("\t=");
    if (sep == std::string_view::npos) {
      Error e{ErrorCode::invalid_input, "expected type<TAB>value or type=value", {}, 0, 0, {}};
      e.line = line_no;
      return Unexpected(e);
    }
    const std::string_view type_name = line.substr(0, sep);
    const auto type = phi_type_from(type_name);
    if (!type) {
      Error e{ErrorCode::invalid_input, fmt::format("unknown PHI type '{}' (name, mrn, geography, date, phone, …)", type_name), {}, 0, 0, {}};
      e.line = line_no;
      return Unexpected(e);
    }
    std::string_view value = line.substr(sep + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (!value.empty()) out.push_back(KnownValue{*type, std::string(value)});
  }
  return out;
}

void find_known_values(std::string_view text, const std::vector<KnownValue>& known, const Lexicon& lexicon,
                       std::vector<Finding>& out) {
  if (known.empty()) return;
  const std::vector<FoldedWord> words = folded_words_of(text);
  for (const KnownValue& k : known) {
    std::vector<FoldedWord> wanted = folded_words_of(k.value);
    if (wanted.empty()) continue;
    // A name is found whole or by any of its words of 3+ letters (a surname alone is PHI too).
    std::vector<std::vector<FoldedWord>> forms = {wanted};
    if (k.type == PhiType::name && wanted.size() > 1)
      for (const FoldedWord& w : wanted)
        if (w.folded.size() >= 3) forms.push_back({w});
    std::vector<std::pair<std::size_t, std::size_t>> taken;
    for (const auto& form : forms) {
      for (std::size_t i = 0; i + form.size() <= words.size(); ++i) {
        std::size_t edits = 0;
        bool ok = true;
        for (std::size_t j = 0; j < form.size() && ok; ++j) {
          const std::size_t limit = allowed_edits(form[j].folded);
          const std::size_t d = edit_distance(words[i + j].folded, form[j].folded, limit);
          ok = d <= limit && (d == 0 || !lexicon.lookup(words[i + j].folded).vocabulary());
          edits += d;
        }
        if (!ok) continue;
        const std::size_t begin = words[i].begin, end = words[i + form.size() - 1].end;
        if (std::any_of(taken.begin(), taken.end(), [&](auto t) { return begin < t.second && t.first < end; })) continue;
        taken.emplace_back(begin, end);
        const bool whole = form.size() == wanted.size();
        out.push_back(Finding{k.type, begin, end, edits == 0 ? 0.99 : 0.93,
                              edits == 0 ? fmt::format("known {} of this record{}", to_string(k.type), whole ? "" : " (part)")
                                         : fmt::format("known {} of this record, {} edit(s) away", to_string(k.type), edits)});
      }
    }
  }
}

}  // namespace ward::phi

// The PHI scanner (scanner.h).
#include "phi/scanner.h"

#include <algorithm>
#include <map>

#include "phi/address_parts.h"
#include "phi/found_spans.h"
#include "phi/lower_case_names.h"
#include "phi/name_finder.h"
#include "phi/name_mentions.h"
#include "phi/pattern_database_loader.h"

namespace ward::phi {

Result<Scanner> Scanner::build(ScanOptions options, const Dictionaries& dictionaries) {
  auto database = load_pattern_database();
  if (!database) return Unexpected(database.error());
  auto checker = CandidateChecker::build();
  if (!checker) return Unexpected(checker.error());
  return Scanner(std::move(*database), std::move(*checker), options, dictionaries);
}

Result<ScanScratch> ScanScratch::make(const Scanner& scanner) {
  auto patterns = PatternScratch::make(scanner.database_);
  if (!patterns) return Unexpected(patterns.error());
  return ScanScratch(std::move(*patterns));
}

std::vector<Finding> resolve_overlaps(std::vector<Finding> findings) {
  // Indices are sorted, not findings: each finding is moved once, into the result.
  std::vector<std::size_t> order(findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const Finding& a = findings[x];
    const Finding& b = findings[y];
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.end - a.begin > b.end - b.begin;
  });
  std::map<std::size_t, std::size_t> taken;  // begin -> index of a kept finding; their spans are disjoint
  std::vector<std::size_t> dropped;
  for (std::size_t i : order) {
    const Finding& f = findings[i];
    auto next = taken.lower_bound(f.begin);
    const bool overlaps = (next != taken.end() && next->first < f.end) ||
                          (next != taken.begin() && findings[std::prev(next)->second].end > f.begin);
    if (overlaps) dropped.push_back(i);
    else taken.emplace(f.begin, i);
  }
  // A dropped finding widens each kept one of its type that it overlaps, over its bytes that no
  // other kept finding holds: "764 Fagradalsbraut 71" and "71 Apt. 762" (a unit that took the
  // number before it as its house number) leave none of the address behind.
  // One that also overlaps a finding of another type lost to it, and widens nothing.
  for (std::size_t d : dropped) {
    const Finding& f = findings[d];
    auto first = taken.upper_bound(f.begin);
    if (first != taken.begin()) --first;  // kept spans are disjoint: only the last to start at or before f can reach into it
    bool other_type = false;
    for (auto it = first; it != taken.end() && it->first < f.end; ++it) {
      const Finding& k = findings[it->second];
      if (k.end > f.begin && k.type != f.type) other_type = true;
    }
    if (other_type) continue;
    for (auto it = first; it != taken.end() && it->first < f.end; ++it) {
      Finding& k = findings[it->second];
      if (k.type != f.type || k.end <= f.begin) continue;
      const auto after = std::next(it);
      const std::size_t floor = it == taken.begin() ? 0 : findings[std::prev(it)->second].end;
      const std::size_t ceiling = after == taken.end() ? f.end : std::min(f.end, after->first);
      k.end = std::max(k.end, ceiling);
      const std::size_t begin = std::max(std::min(k.begin, f.begin), floor);
      if (begin == k.begin) continue;
      k.begin = begin;
      auto node = taken.extract(it);
      node.key() = begin;
      it = taken.insert(std::move(node)).position;
    }
  }
  std::vector<Finding> out;
  out.reserve(taken.size());
  for (const auto& [begin, i] : taken) out.push_back(std::move(findings[i]));
  return out;
}

Result<std::vector<Finding>> Scanner::scan(std::string_view text, ScanScratch& scratch,
                                           const std::vector<KnownValue>& known) const {
  auto scanned = database_.scan(text, scratch.patterns_, scratch.candidates_);
  if (!scanned) return Unexpected(scanned.error());
  std::vector<Finding> all;
  for (const Candidate& c : scratch.candidates_)
    if (auto f = checker_.check(text, c)) all.push_back(std::move(*f));
  // An address pattern ("1668 Glyn St", "corner of Elisabeth Parks") decides over the words in it.
  std::vector<Finding> words, addresses;
  for (const Finding& f : all)
    if (f.type == PhiType::geography) addresses.push_back(f);
  find_names_and_places(text, *dictionaries_, addresses, words);
  const std::vector<TextWord> text_words = words_of(text);  // read by two finders
  find_lower_case_names(text, text_words, *dictionaries_, words);
  // A word is dropped when it shares a byte with an address pattern or with a place word kept
  // before it; both questions in O(log n), so a long text with many findings stays linear-ish.
  const FoundSpans address_spans(addresses);
  std::multimap<std::size_t, std::size_t> kept_places;  // begin -> end
  std::size_t longest_place = 0;
  auto overlaps_kept_place = [&](const Finding& w) {
    // A kept place that overlaps w begins in (w.begin - longest_place, w.end).
    auto it = w.begin < longest_place ? kept_places.begin() : kept_places.upper_bound(w.begin - longest_place);
    for (; it != kept_places.end() && it->first < w.end; ++it)
      if (it->second > w.begin) return true;
    return false;
  };
  for (Finding& w : words) {
    if (address_spans.overlaps(w.begin, w.end) || overlaps_kept_place(w)) continue;
    if (w.type == PhiType::geography) {
      kept_places.emplace(w.begin, w.end);
      longest_place = std::max(longest_place, w.end - w.begin);
    }
    all.push_back(std::move(w));
  }
  find_known_values(text, known, dictionaries_->words, all);
  std::erase_if(all, [&](const Finding& f) { return f.confidence < options_.min_confidence || f.end <= f.begin; });
  // From what is now kept: house numbers and postal codes beside places, other mentions of names.
  add_address_parts(text, all);
  find_other_mentions(text, text_words, *dictionaries_, all);
  return resolve_overlaps(std::move(all));
}

}  // namespace ward::phi

// The literals a regular expression or glob needs: strings of which one must occur (ASCII case
// -insensitively) in any text the pattern matches. The prefilter (prefilter_literals.h) scans
// events for them; a StringPredicate checks them before it runs RE2. Pure string functions,
// conservative: a literal is returned only when it is certain ("" or none: nothing required).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sigma/string_predicate.h"

namespace ward::sigma {

// The byte that separates values in the prefilter's scanned buffer: 0xFF, never in UTF-8 text.
inline constexpr char kValueSeparator = '\xFF';

// Bytes no literal may hold: the value separator always; for Unicode case folding (RE2 with
// `i`) also k, s and every non-ASCII byte.
inline bool cut_here(char c, bool unicode_caseless) {
  if (c == kValueSeparator) return true;
  if (!unicode_caseless) return false;
  const char f = fold_ascii(c);
  return f == 'k' || f == 's' || static_cast<unsigned char>(c) >= 0x80;
}

// Tracks the longest of a series of runs; each run is cut at the bytes above.
class LongestRun {
 public:
  explicit LongestRun(bool unicode_caseless) : caseless_(unicode_caseless) {}
  void add(char c) {
    if (cut_here(c, caseless_)) { end(); return; }
    run_ += fold_ascii(c);
  }
  void drop_last() { if (!run_.empty()) run_.pop_back(); }
  void end() {
    if (run_.size() > best_.size()) best_ = run_;
    run_.clear();
  }
  std::string take() { end(); return std::move(best_); }

 private:
  bool caseless_;
  std::string run_, best_;
};

// Whether an `re` pattern asks for case-insensitive matching anywhere: a `(?flags)` or
// `(?flags:` group holding `i`.
bool regex_has_ignore_case(std::string_view pattern);

// `a|b|c` at the top level: one literal per alternative, or none if one has none.
std::vector<std::string> regex_required_literals(std::string_view pattern, bool caseless);
// One pattern without top-level `|`: the longest run of plain characters outside groups and not
// under a quantifier, lower-cased; "" with escapes like \x41 or non-ASCII bytes.
std::string regex_required_literal(std::string_view pattern, bool caseless);
// A glob as compile_rule writes it ((?si)^…$, runs quoted): its longest literal run.
std::string glob_required_literal(std::string_view re2_pattern, bool caseless);

}  // namespace ward::sigma

// One string predicate on a field value, kept as data (kind + needle) so that all the tests on
// one field can later be compiled together into a single Hyperscan database. Plain forms
// (equals, prefix, suffix, contains) run without RE2 and without allocating; inner wildcards and
// `re` values run on RE2 (linear time). Comparisons fold ASCII case unless `cased`.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sigma/sigma_string.h"

namespace re2 { class RE2; }

namespace ward::sigma {

enum class StringMatch : std::uint8_t { equals, starts_with, ends_with, contains, glob, regex };
std::string_view to_string(StringMatch kind);

struct RegexFlags {
  bool ignore_case = false;  // re|i
  bool multi_line = false;   // re|m: ^ and $ at line breaks
  bool dot_all = false;      // re|s: . matches a line break
};

class StringPredicate {
 public:
  // From a value with wildcards: leading/trailing `*` become prefix/suffix/contains tests,
  // inner wildcards a glob. Fails only when RE2 rejects the glob (it should not).
  static Result<StringPredicate> from_value(const SigmaString& value, bool cased);
  // From an `re` value; fails with RE2's reason when the pattern is not RE2 syntax
  // (look-around, back-references).
  static Result<StringPredicate> from_regex(std::string_view pattern, RegexFlags flags);

  bool matches(std::string_view text) const;

  StringMatch kind() const { return kind_; }
  // equals..contains: the literal (lower-cased unless cased); glob and regex: RE2 syntax.
  const std::string& pattern() const { return pattern_; }
  bool cased() const { return cased_; }
  // Glob and regex: literals (lower-cased) one of which every text the pattern matches holds,
  // ASCII case-insensitively (regex_literals.h); empty when none is certain. matches() looks
  // for them before it runs RE2, which costs far more than a memchr.
  const std::vector<std::string>& required_literals() const { return required_; }

 private:
  StringMatch kind_ = StringMatch::equals;
  bool cased_ = false;
  std::string pattern_;
  std::size_t anchor_ = 0;  // contains (not cased): contains_anchor(pattern_)
  std::shared_ptr<const re2::RE2> regex_;  // glob and regex only; immutable, shared by copies
  std::vector<std::string> required_;
  bool holds_required(std::string_view text) const;
};

// ASCII case folding, shared by the matchers.
inline char fold_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }
std::string fold_ascii(std::string_view s);
// Both sides folded (names, logsources).
inline bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fold_ascii(a[i]) != fold_ascii(b[i])) return false;
  return true;
}
// `needle` already folded.
bool equals_folded(std::string_view text, std::string_view needle);
// Candidates found by memchr on needle[anchor], a byte folding leaves alone (not a letter), or,
// with anchor == needle.size(), on the first byte in both cases (the needle is all letters then).
// contains_anchor picks the byte least likely to occur in Windows paths and command lines (a
// `\` or a space is found on nearly every step: a `"`, `=` or `%` seldom), once per needle (a
// StringPredicate's); the two-argument form anchors on the first such byte.
bool contains_folded(std::string_view text, std::string_view needle, std::size_t anchor);
std::size_t contains_anchor(std::string_view needle);
inline bool contains_folded(std::string_view text, std::string_view needle) {
  std::size_t anchor = 0;
  while (anchor < needle.size() && needle[anchor] >= 'a' && needle[anchor] <= 'z') ++anchor;
  return contains_folded(text, needle, anchor);
}

}  // namespace ward::sigma

// Which literals a rule needs: for each compiled rule, sets of strings such that at least one
// string of every set must occur (ASCII case-insensitively) inside some value of an event for the
// rule to be able to match. The prefilter (prefilter.h) scans events for all rules' literals at once and runs
// only the rules whose literal it saw. Pure functions of a CompiledRule; no Hyperscan here.
//
// Derivation, conservative everywhere (a wrong literal would hide a match):
//   - a string test (equals, startswith, endswith, contains) needs its text, anchored at the
//     value separators where the test is anchored (equals 4688 needs "\xFF4688\xFF"); a glob
//     the longest literal run between its wildcards; an `re` value, per top-level alternative,
//     the longest run of plain characters outside groups and not under a quantifier (none
//     with escapes like \x41 or non-ASCII bytes). Numbers, CIDRs, dates, field references, exists/null and `neq`
//     need nothing.
//   - a field condition needs one of its values' literals (with `|all`: one of each group's);
//     an AND of conditions needs each one's sets; a selection with alternatives needs one
//     literal of the best set of each alternative.
//   - `and` / `all of` need every child's sets; `or` / `1 of` / `N of` one literal of the best
//     set of every child; `not` needs nothing. "Best": the set whose shortest literal is
//     longest. A rule keeps its kMaxLiteralSets best sets.
//   - Case-insensitive regexes and globs fold Unicode in RE2 (the Kelvin sign matches `k`, the
//     long s matches `s`), so their literals are cut at k, s and non-ASCII bytes.
//   - The scan puts the byte 0xFF (never in UTF-8 text) before and after every value; literals
//     hold it only as such an anchor, so no literal matches across two values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sigma/compiled_rule.h"
#include "sigma/regex_literals.h"

namespace ward::sigma {

// For each set, at least one of its literals in `any` occurs in a value of its field; literals
// are ASCII lower-case and non-empty, and (literal, field, set) triples distinct.
struct RequiredLiterals {
  std::vector<std::string> any;
  std::vector<std::string> fields;  // parallel to `any`: the field tested; "" any value (keywords)
  // Parallel to `any`: the set the literal belongs to, numbered from 0, best set first. Empty:
  // every literal is of set 0 (one literal of `any` is enough).
  std::vector<std::uint8_t> sets;

  std::uint8_t set_of(std::size_t literal) const { return literal < sets.size() ? sets[literal] : 0; }
  std::size_t set_count() const;
};

// A rule keeps at most this many sets (the best ones); each further set would narrow its
// candidates less, and the prefilter marks a rule's sets found in a 32-bit word.
inline constexpr std::size_t kMaxLiteralSets = 8;

// nullopt: the rule may match without any literal being present (always evaluate it).
std::optional<RequiredLiterals> required_literals(const CompiledRule& rule);

// The piece for one test, exposed for tests: one of them is in the value the test takes
// (empty: nothing is required). Regexes and globs: regex_literals.h.
std::vector<std::string> literals_of(const StringPredicate& test);

}  // namespace ward::sigma

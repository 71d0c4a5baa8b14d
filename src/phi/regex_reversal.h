// A regular expression that matches the reverse of what another one matches, for the subset the
// pattern table uses (patterns.h): literals, escapes (\d \s \b \xHH \. …), classes, groups
// ((?:…), (…), (?i:…)), alternation and the greedy quantifiers ? * + {n} {n,} {n,m}. Atoms and
// \b (symmetric) stay as they are; every sequence is read back to front. A leading (?i) is not
// part of the result: `caseless` says it was there (the caller compiles the reverse caselessly).
//
//   reverse_regex("\\bab+(?:c|de)")  // -> "(?:c|ed)b+a\\b"
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace ward::phi {

struct ReversedRegex {
  std::string regex;
  bool caseless = false;
};

// Fails (ErrorCode::unsupported) on what it does not know to reverse: lazy or possessive
// quantifiers, back-references, anchors other than \b, look-around, inline flags after the start.
Result<ReversedRegex> reverse_regex(std::string_view regex);

}  // namespace ward::phi

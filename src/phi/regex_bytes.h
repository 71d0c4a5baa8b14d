// The bytes a match of a regular expression may hold: a superset, read from the pattern text
// (literals, escapes, classes; any byte for '.', negated classes and \D \S \W; both cases of
// every letter when the pattern has a caseless part). The pattern database uses it to tell,
// without a scan, that a match ending at some byte cannot start before the last byte outside
// the set.
//
//   regex_bytes("\\d{3}-\\d{4}")  // '0'..'9' and '-'
#pragma once

#include <bitset>
#include <string_view>

namespace ward::phi {

using ByteSet = std::bitset<256>;

// For the subset regex_reversal.h reads; on anything else the answer is still a superset.
ByteSet regex_bytes(std::string_view regex);

}  // namespace ward::phi

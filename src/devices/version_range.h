// The version engine: does a device's version fall in an advisory's range? Answers yes, no or
// unknown — never a guess. Ranges come as `vers:` strings (`vers:all/*`, `vers:generic/>=1.0|<2`)
// or as the free text CSAF advisories carry ("all versions", "<= 2.3", "2.3.6 and below",
// "prior to 4.1", "4.0 to 4.6", ">= 4.4 | <= 4.12", "12.x", "1.1 | 1.2"). Dates ("distributed
// < april 1, 2018"), model numbers and prose in the version slot parse to an Unknown range with
// the reason; so does a device version that cannot be compared. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ward::devices {

enum class Answer { yes, no, unknown };
std::string_view to_string(Answer answer);

// One comparison; `version` may end in wildcard segments ("11.x"), compared on the prefix only.
struct Bound {
  enum class Op { eq, ne, lt, le, gt, ge } op = Op::eq;
  std::string version;
};

// A parsed range: `all` versions, or any of `intervals` (each a conjunction of bounds), or
// unknown with the reason a person reads.
struct VersionRange {
  enum class Kind { all, constraints, unknown } kind = Kind::unknown;
  std::vector<std::vector<Bound>> intervals;  // OR of ANDs
  std::string reason;                         // set when unknown
};

struct VersionAnswer {
  Answer answer = Answer::unknown;
  std::string reason;  // why unknown; empty otherwise
};

VersionRange parse_version_range(std::string_view text);

// Compares two version strings segment by segment (numbers numerically, letters
// case-insensitively, a missing segment as 0 against a number and as less against letters;
// a leading "v" before a digit is ignored). Returns -1, 0 or 1, or kIncomparable when a number
// meets letters at the same place. A wildcard segment ("x" or "*") in `b` ends the comparison:
// only the segments before it count.
inline constexpr int kIncomparable = 2;
int compare_versions(std::string_view a, std::string_view b);

// Does `version` lie in `range`? An empty version is unknown unless the range is `all`.
VersionAnswer version_in_range(std::string_view version, const VersionRange& range);

}  // namespace ward::devices

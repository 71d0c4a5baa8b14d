// Known PHI: when a record's own patient name, MRN or address is known (from the HL7 PID
// segment, the FHIR Patient, a --known file), find those values in its free text exactly and
// with small misspellings ("Jonh Smtih"), which patterns and dictionaries may miss.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "phi/dictionaries.h"
#include "phi/finding.h"

namespace ward::phi {

struct KnownValue {
  PhiType type = PhiType::name;
  std::string value;
};

// Reads "type<TAB>value" or "type=value" lines (# comments, blank lines skipped); type is a
// PhiType name (name, mrn, geography, …). Fails naming the line on an unknown type.
Result<std::vector<KnownValue>> parse_known_values(std::string_view text);

// Appends a finding for each place a known value occurs in `text`: words compared without case,
// each word of 4+ letters allowed one edit (two from 8 letters); a word with a digit (an MRN)
// only exactly, with separators ignored. A misspelt match of a word that `words` has as a common
// word is not taken ("knot" is not "Knott", "jeans" is not "Jean"); an exact one is.
void find_known_values(std::string_view text, const std::vector<KnownValue>& known, const Lexicon& words,
                       std::vector<Finding>& out);

}  // namespace ward::phi

// The two ways a structured field becomes findings: by what the field is (PID-19 is an SSN,
// Patient.birthDate a date, a CSV column named "mrn" an MRN: the whole value, whatever it looks
// like) or by scanning its free text (OBX-5, Observation.valueString, a notes column) with the
// text scanner and the record's known values. Not thread-safe: one per thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "phi/formats/field_finding.h"
#include "phi/known_phi.h"
#include "phi/scanner.h"

namespace ward::phi {

// Where a field is: its location in the format's terms and the line it is on (0: not known).
struct FieldPlace {
  std::string location;
  std::uint64_t line = 0;
};

class FieldScanner {
 public:
  // `scanner` must outlive this object.
  static Result<FieldScanner> make(const Scanner& scanner);

  // One finding for the whole (trimmed) `value` of a field whose meaning is `type`; nothing for
  // a blank value. Confidence 0.99: the field says what the value is.
  void add_field(PhiType type, std::string_view reason, std::string_view value, const FieldPlace& place,
                 std::vector<FieldFinding>& out) const;

  // The findings of the scanner in free `text`, with `known` values of the record; fails only
  // when Hyperscan fails.
  Result<void> scan_text(std::string_view text, const std::vector<KnownValue>& known, const FieldPlace& place,
                         std::vector<FieldFinding>& out);

 private:
  FieldScanner(const Scanner& scanner, ScanScratch scratch) : scanner_(&scanner), scratch_(std::move(scratch)) {}
  const Scanner* scanner_;
  ScanScratch scratch_;
};

// `s` without spaces, tabs, CR and LF at either end.
std::string_view trim_whitespace(std::string_view s);

// Adds `value` as a known value of `type` (skipped when blank or already known).
void add_known(PhiType type, std::string_view value, std::vector<KnownValue>& known);

}  // namespace ward::phi

// Plain-text FHIR values the mappers need to take apart: references ("Patient/123",
// "urn:uuid:…", "Practitioner?identifier=system|value") and
// HL7 CX identifiers (base64: core/base64.h). Pure functions over string_view; results view into their input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ward::ingest::fhir {

// The id a reference points at: "Patient/123" and "http://x/fhir/Patient/123/_history/2" -> "123",
// "urn:uuid:abc" -> "abc", "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|999" -> "999",
// "#o1" -> "o1". "" for "".
std::string_view reference_id(std::string_view reference);

// The resource type a reference names ("Patient" for "Patient/123", "Patient?identifier=…" and
// absolute URLs); "" for urn:, contained and other references that do not say.
std::string_view reference_type(std::string_view reference);

// The ID number (component 1) of an HL7 CX identifier: "e3cd^^^&2.16.840&ISO" -> "e3cd".
// Values without '^' are returned whole.
std::string_view cx_id(std::string_view value);

// True when `s` is valid UTF-8 without control characters other than tab, CR and LF, i.e. safe
// to show as text (a decoded query may be binary).
bool is_printable_utf8(std::string_view s);

// Copies `in` to `out` (replacing its contents), re-encoding every byte that is not part of a
// valid UTF-8 sequence as the Latin-1 character of that value. Files from older systems mix
// Latin-1 into JSON that must be UTF-8.
void repair_latin1(std::string_view in, std::string& out);

// `s` cut to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t limit);

}  // namespace ward::ingest::fhir

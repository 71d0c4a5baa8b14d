// Base64 (RFC 4648) both ways, for the places Ward meets it: FHIR attachments and AuditEvent
// queries, ATNA participant object queries, HL7 v2 encapsulated data, Sigma's base64 modifiers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ward {

// The standard alphabet, padded with '='.
std::string encode_base64(std::string_view bytes);

// Appends the decoded bytes of standard or URL-safe base64 (padding and whitespace allowed) to
// `out`, stopping once `out` holds `limit` bytes. False, with `out` unspecified, when `in` is
// not base64.
bool decode_base64(std::string_view in, std::string& out, std::size_t limit);

}  // namespace ward

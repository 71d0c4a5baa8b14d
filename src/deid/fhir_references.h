// Pseudonymous FHIR resource ids and references: an id is replaced by a code made from the
// linker's number for it (a UUID stays UUID-shaped, so "urn:uuid:" fullUrls stay valid), and a
// reference by the same code in its own layout ("Patient/123", "urn:uuid:…", an absolute URL,
// "_history" kept). The same id gives the same code everywhere — inside a Bundle, across files
// and runs with the same key or vault — so links between resources survive de-identification.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "deid/text_deidentifier.h"

namespace ward::deid {

// The pseudonymous id for `id` (a resource's "id", or the id part of a reference).
Result<std::string> pseudonymous_fhir_id(TextDeidentifier& deid, std::string_view id);

// `reference` with its id pseudonymised. Kept as it is: contained ("#p1") and "urn:oid:"
// references, a bare type ("Patient", a transaction's POST url), and conditional references to resources other than a person ("Practitioner?
// identifier=…|9999", whose identifier is the provider's, not the patient's).
Result<std::string> pseudonymous_reference(TextDeidentifier& deid, std::string_view reference);

}  // namespace ward::deid

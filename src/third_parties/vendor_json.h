// Vendors as JSON, for the store, the CLI and the API. The reader checks everything a form
// could get wrong and names the field ("baa_expires: before baa_signed", "criticality: …").
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "third_parties/vendor.h"

namespace ward::third_parties {

// Name required; criticality, BAA status and access paths from their lists; dates real and in
// order; a BAA marked signed needs its date; unknown fields refused.
Result<Vendor> vendor_from_json(const nlohmann::json& body);
nlohmann::json vendor_to_json(const Vendor& v);
// `current` with the fields of `changes` replaced (an edit: PATCH, `ward program vendor update`),
// checked as a whole by vendor_from_json; `id` cannot change.
Result<Vendor> vendor_with_changes(const Vendor& current, const nlohmann::json& changes);

}  // namespace ward::third_parties

// Masks patient identity in a JSON answer, for roles that may use a route but not see PHI
// (access_policy.h): MRNs and patient ids keep their last four characters ("MRN•••0042",
// "•••t-17"), patient names become initials ("J. W."), birth dates and free text that may name
// a patient (raw events, case reasons and evidence, reviewers' reasons) are withheld ("•••"). Workforce
// names are not PHI and stay. handle_request applies it to the answers of such roles.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ward::api {

inline constexpr std::string_view kWithheld = "•••";

// "MRN•••0042" for an MRN ("MRN" as `prefix`), "•••0042" for an id; "•••" for four characters
// or fewer.
std::string mask_identifier(std::string_view value, std::string_view prefix = {});
// "Jonathan Q Whitfield" → "J. Q. W."; "" stays "".
std::string initials(std::string_view name);

// Masks `answer` in place (see above); other values stay.
void mask_phi(nlohmann::json& answer);

}  // namespace ward::api

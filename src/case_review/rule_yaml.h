// An explanation rule as YAML text, in the shape privacy.explanations takes (and
// privacy::explanation_rules_from_yaml reads): what a proposal stores, shows and what an officer
// may paste into ward.yaml.
#pragma once

#include <string>

#include "core/time.h"
#include "privacy/explain.h"

namespace ward::case_review {

// A one-rule YAML list on one line, e.g.
//   - {code: float_pool_case_42, description: "…", kind: unit, anchor: stay, before: 2h,
//      after: 12h, user_roles: [Registered Nurse], user_departments: [Float Pool]}
// Empty filters are left out; explanation_rules_from_yaml reads it back to an equal rule.
std::string rule_to_yaml(const privacy::ExplanationRule& rule);

// "12h", "3d", "90s", "0": the largest unit that divides `ns` exactly (sub-second parts are
// rounded down to whole seconds, which is all parse_duration reads).
std::string duration_text(TimeNs ns);

}  // namespace ward::case_review

// The HIPAA breach risk assessment of 45 CFR 164.402: the three exceptions of paragraph (1), the
// safe harbor for secured PHI, and the four factors of paragraph (2) that decide between "low
// probability that the PHI has been compromised" and a presumed breach. Pure logic; the answers
// and notes are stored with the incident (incident_store.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::incidents {

// One factor's answer: a choice from the factor's list and the notes that support it.
struct FactorAnswer {
  std::string answer;
  std::string notes;
};

struct RiskAssessmentInput {
  std::string exception;  // "" (none), "unintentional_workforce", "inadvertent_authorized", "unable_to_retain"
  bool secured = false;   // encrypted or destroyed per HHS guidance: not "unsecured PHI"
  FactorAnswer nature;        // (i) nature and extent of the PHI: "limited" | "sensitive"
  FactorAnswer recipient;     // (ii) the unauthorized person: "hipaa_obligated" | "workforce" | "unknown" | "malicious"
  FactorAnswer acquired;      // (iii) actually acquired or viewed: "not_viewed" | "viewed" | "unknown"
  FactorAnswer mitigation;    // (iv) mitigated: "assured" | "partial" | "none"
};

struct RiskAssessmentResult {
  std::string outcome;  // "exception", "secured", "low_probability", "presumed_breach"
  bool notify = false;  // true for a presumed breach: the breach clock runs
  std::vector<std::string> reasons;  // each with the paragraph it rests on
};

// The outcome for `in`. A factor left empty, an answer not in its list, an unknown exception,
// or a factor answered low without notes (a low probability must be demonstrated) is
// ErrorCode::invalid_input naming the field ("recipient.answer", "mitigation.notes").
// With an exception or secured PHI the factors may be empty.
Result<RiskAssessmentResult> assess_breach_risk(const RiskAssessmentInput& in);

// The answers each factor accepts, for forms and help texts: "limited, sensitive".
std::string_view factor_choices(std::string_view factor);

}  // namespace ward::incidents

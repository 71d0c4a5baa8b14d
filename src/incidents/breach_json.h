// The breach assessment and law-enforcement contacts as JSON: how the store keeps them and how
// the CLI and API read them. Readers name the offending field ("facts.residents.XX",
// "law_enforcement.until") and refuse unknown keys, so a typo never passes silently.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "incidents/breach_clock.h"
#include "incidents/risk_assessment.h"

namespace ward::incidents {

// What the OCR breach portal asks beyond the clock's facts (docs/program.md lists the fields).
struct OcrDetails {
  std::string breach_start, breach_end;  // YYYY-MM-DD or ""
  std::string breach_type;      // Hacking/IT Incident, Improper Disposal, Loss, Theft, Unauthorized Access/Disclosure, Other
  std::string location;         // Desktop Computer, Electronic Medical Record, Email, Laptop, Network Server, ...
  std::vector<std::string> phi_types;  // Clinical, Demographic, Financial, Other
  std::string safeguards, actions;
  bool business_associate_involved = false;
};

// A breach assessment as stored: the facts for the clock (without delays: those come from the
// incident's law-enforcement entries), the OCR details, and the four-factor answers.
struct BreachAssessmentRecord {
  BreachFacts facts;
  OcrDetails ocr;
  RiskAssessmentInput answers;
};

// {"discovered": "2026-03-01", "individuals": 700, "residents": {"CA": 650}, "role":
// "covered_entity", "ocr": {...}, "exception": "", "secured": false, "nature": {"answer": ...,
// "notes": ...}, "recipient": ..., "acquired": ..., "mitigation": ...}. A missing discovery date,
// a discovery date after `today`, breach_end before breach_start or discovery before the
// breach started are refused, naming the field.
Result<BreachAssessmentRecord> assessment_from_json(const nlohmann::json& body, Day today);
nlohmann::json assessment_to_json(const BreachAssessmentRecord& record);

// A law-enforcement contact: {"agency", "official", "contact", "statement": "written"|"oral"|"",
// "stated": day, "until": day, "notes"}; with a statement it is a delay request (164.412).
struct LawEnforcementContact {
  std::string agency, official, contact, statement, stated, until, notes;
};
Result<LawEnforcementContact> law_enforcement_from_json(const nlohmann::json& body);
nlohmann::json law_enforcement_to_json(const LawEnforcementContact& c);
// The contact's delay request, when it makes one (its dates were checked when it was read).
std::optional<DelayRequest> delay_of(const LawEnforcementContact& c);

nlohmann::json deadline_json(const Deadline& d, Day today);

}  // namespace ward::incidents

// The risk register's values (docs/program.md "Risk register"): a risk with its likelihood and
// impact (1-5 each; inherent score = likelihood x impact), the controls linked to it and its
// treatments with the likelihood and impact expected once each is done. Plain values and the
// scoring rules; risk_store.h keeps them, risk_service.h checks links against the catalogues.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::risks {

inline constexpr std::string_view kTreatmentKinds = "mitigate, accept, transfer, avoid";
inline constexpr std::string_view kTreatmentStatuses = "planned, in_progress, done, cancelled";

struct LinkedControl {
  std::string catalog;     // a built-in catalogue name: "csf-2.0"
  std::string control_id;  // a control it rates: "GV.SC-05"
  auto operator<=>(const LinkedControl&) const = default;
};

struct Treatment {
  std::int64_t id = 0;
  std::string kind = "mitigate";   // kTreatmentKinds
  std::string description, owner;
  std::string status = "planned";  // kTreatmentStatuses
  std::string target;              // YYYY-MM-DD or ""
  std::int64_t cost = 0;           // estimated cost, whole currency units
  int residual_likelihood = 0, residual_impact = 0;  // expected once done; 0 = the risk's own
  std::string created_by;
  std::int64_t created_ns = 0, updated_ns = 0;
};

struct Risk {
  std::int64_t id = 0;
  std::string title, description, category, owner;
  int likelihood = 0, impact = 0;
  std::vector<LinkedControl> controls;
  std::vector<Treatment> treatments;  // in the order they were added
  std::string created_by;
  std::int64_t created_ns = 0;
};

// Likelihood or impact: 1..5, else invalid_input naming `field` ("likelihood: 7 is not 1-5").
Result<void> check_level(int value, std::string_view field);
// Title present, levels 1..5. The error names the field.
Result<void> check_risk(const Risk& risk);
// Kind and status known, levels 1..5 (after defaults), cost >= 0, target a date.
Result<void> check_treatment(const Treatment& t);

// "csf-2.0:GV.SC-05" as a link; invalid_input on field "control" without the colon.
Result<LinkedControl> parse_linked_control(std::string_view text);

inline int inherent_score(const Risk& r) { return r.likelihood * r.impact; }
// The score expected once `t` is done.
inline int expected_score(const Treatment& t) { return t.residual_likelihood * t.residual_impact; }
// What the risk scores today: the lowest expected score among its done treatments, else its
// inherent score (nothing done yet).
int residual_score(const Risk& r);
// Inherent score less what `t` is expected to leave (never below 0).
int risk_reduced(const Risk& r, const Treatment& t);

}  // namespace ward::risks

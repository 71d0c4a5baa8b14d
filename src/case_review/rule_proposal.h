// Which explanation rule a dismissal proposes. Dismissing a case says "this access was fine";
// the reason code says why, and that often holds for the same kind of user again:
//   float_pool, covering_colleague → a `unit` rule: users of this department (and role) are
//       explained by any stay of the patient, in the window of the same_unit rule in use;
//   consult_not_recorded → a `role` rule: this role of this department during a stay (a consult
//       that no encounter records), same window;
//   patient_request → a `purpose` rule: the purposes of use the case's accesses stated, for
//       users of this department (and role);
//   data_error, other → no rule (they say nothing about who may open which record).
// Pure: the facts come in, a rule (or why there is none) goes out. case_review.h stores it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "privacy/explain.h"

namespace ward::case_review {

// What a proposal is built from.
struct DismissalFacts {
  std::int64_t case_id = 0;
  std::string reason_code;      // one of kDismissalReasons
  std::string dismissed_by;     // the actor
  std::string user_role;        // the case's user: the directory's role, else as recorded
  std::string user_department;  // … department, likewise
  std::vector<std::string> purposes;  // distinct purposes of use the case's accesses stated
};

struct ProposedRule {
  std::optional<privacy::ExplanationRule> rule;
  std::string why_none;  // for people, when there is no rule
};

// The rule the dismissal proposes, under `code`; its description says what it allows and where
// it came from. `rules_in_use` give the same_unit window (the default rule's when none has
// that code). Never a rule without a department or purpose to limit it.
ProposedRule propose_rule(const DismissalFacts& facts,
                          const std::vector<privacy::ExplanationRule>& rules_in_use,
                          const std::string& code);

}  // namespace ward::case_review

// Reviewing privacy cases against the store: look at a case (its accesses, what explains each,
// its history), change its review state (review_states.h says which changes are allowed), and
// accept or reject the explanation rules that dismissals propose (rule_proposal.h). The CLI and
// the API call these and write the audit trail; these functions do not audit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "case_review/review_states.h"
#include "core/error.h"
#include "privacy/explain.h"
#include "store/store.h"

namespace ward::case_review {

struct CaseView {
  store::CaseRecord record;
  std::vector<store::EventRow> accesses;   // oldest first, with what the last run said of each
  std::vector<store::CaseChange> history;  // oldest first
};

// ErrorCode::not_found when there is no case `case_id`.
Result<CaseView> view_case(store::Store& store, std::int64_t case_id);

struct ReviewResult {
  store::CaseRecord record;  // after the change
  store::CaseChange change;
  std::optional<store::ProposalRecord> proposal;  // what a dismissal proposed (stored, with id)
  std::string no_proposal;  // why a dismissal proposed nothing; "" otherwise
};

// Changes case `case_id` as `request` asks, by `actor`, and on dismissal stores the rule it
// proposes with the number of other open cases (new, in_review) the rule alone explains.
// `configured` are the explanation rules in ward.yaml (or the defaults); accepted proposals are
// added to them. Errors: not_found (no such case), invalid_input (a change plan_review refuses,
// or someone changed the case meanwhile).
Result<ReviewResult> review_case(store::Store& store,
                                 const std::vector<privacy::ExplanationRule>& configured,
                                 std::int64_t case_id, const ReviewRequest& request,
                                 std::string_view actor);

// Accepts (accept = true) or rejects proposal `id`, by `actor`, with an optional reason; returns
// the proposal as decided. An accepted rule is used by the next privacy run after `configured`.
// Errors: not_found, invalid_input (already decided; or its code is already a rule's).
Result<store::ProposalRecord> decide_proposal(store::Store& store,
                                              const std::vector<privacy::ExplanationRule>& configured,
                                              std::int64_t id, bool accept, std::string_view actor,
                                              std::string_view reason);

}  // namespace ward::case_review

// The review workflow of a privacy case: its states, the outcomes of a confirmed case, the
// reasons for dismissing one, and which changes are allowed. These lists live here only; the
// CLI, the API and docs/privacy.md#reviewing-cases follow them.
//   new → in_review → confirmed | dismissed;  confirmed | dismissed → in_review (reopened)
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/case_review_rows.h"
#include "store/privacy_rows.h"

namespace ward::case_review {

struct Choice {
  std::string_view code;
  std::string_view meaning;
};

inline constexpr std::array<Choice, 4> kCaseStates = {{
    {"new", "found by a privacy run; nobody has looked at it yet"},
    {"in_review", "someone is looking at it (optionally assigned to a person)"},
    {"confirmed", "a real problem, with an outcome"},
    {"dismissed", "legitimate after all, with a reason"},
}};

inline constexpr std::array<Choice, 3> kOutcomes = {{
    {"snooping", "the user looked at the record without a need to know"},
    {"policy_violation", "the access broke a policy (shared account, export, …) without snooping"},
    {"other", "something else; the reason text says what"},
}};

inline constexpr std::array<Choice, 6> kDismissalReasons = {{
    {"covering_colleague", "covering for a colleague of the patient's care team"},
    {"consult_not_recorded", "a consult the encounter does not record"},
    {"patient_request", "the patient asked for it"},
    {"float_pool", "a float-pool or agency worker on the patient's unit"},
    {"data_error", "the data was wrong (directory, ADT, the access log)"},
    {"other", "something else; the reason text says what"},
}};

inline constexpr std::array<Choice, 3> kProposalStates = {{
    {"proposed", "waiting for a privacy officer to accept or reject it"},
    {"accepted", "used by every privacy run from now on, after the configured rules"},
    {"rejected", "not used"},
}};

// The codes of `choices`, in order (for CLI11's IsMember).
std::vector<std::string> codes(std::span<const Choice> choices);
bool is_one_of(std::span<const Choice> choices, std::string_view code);

// What a person asks of a case: the state to go to, and what that state needs.
struct ReviewRequest {
  std::string status;       // in_review, confirmed or dismissed
  std::string outcome;      // confirming needs one of kOutcomes
  std::string reason_code;  // dismissing needs one of kDismissalReasons
  std::string reason;       // free text: needed to dismiss, to reopen, and with outcome `other`
  std::string assignee;     // "" keeps the case's assignee
};

// The states a case in `status` may go to next (in_review may also stay in_review when it is
// given to another assignee).
std::vector<std::string_view> next_states(std::string_view status);

// The change `request` makes to case `c`, by `actor` at `time`; ErrorCode::invalid_input when it
// is not allowed, with a message naming the case, its state and the states it may go to, or
// the field that is missing or wrong ("outcome", "reason_code", "reason", "status").
Result<store::CaseChange> plan_review(const store::CaseRecord& c, const ReviewRequest& request,
                                      std::string_view actor, TimeNs time);

}  // namespace ward::case_review

// The review state machine (see review_states.h): which changes are allowed and what each needs.
#include "case_review/review_states.h"

#include <algorithm>

#include <fmt/format.h>

namespace ward::case_review {
namespace {

// "a, b or c"
std::string words(std::span<const std::string_view> items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

std::string words(std::span<const Choice> choices) {
  std::vector<std::string_view> items;
  for (const Choice& c : choices) items.push_back(c.code);
  return words(items);
}

Unexpected refuse(std::string message, std::string field) {
  return fail(ErrorCode::invalid_input, std::move(message), std::move(field));
}

}  // namespace

std::vector<std::string> codes(std::span<const Choice> choices) {
  std::vector<std::string> out;
  for (const Choice& c : choices) out.emplace_back(c.code);
  return out;
}

bool is_one_of(std::span<const Choice> choices, std::string_view code) {
  return std::any_of(choices.begin(), choices.end(), [&](const Choice& c) { return c.code == code; });
}

std::vector<std::string_view> next_states(std::string_view status) {
  if (status == "new") return {"in_review"};
  if (status == "in_review") return {"confirmed", "dismissed"};
  if (status == "confirmed" || status == "dismissed") return {"in_review"};
  return {};
}

Result<store::CaseChange> plan_review(const store::CaseRecord& c, const ReviewRequest& r,
                                      std::string_view actor, TimeNs time) {
  if (!is_one_of(kCaseStates, r.status) || r.status == "new")
    return refuse(fmt::format("status \"{}\": a case can be put in_review, confirmed or dismissed",
                              r.status), "status");
  const std::vector<std::string_view> next = next_states(c.status);
  const bool reassigning = c.status == "in_review" && r.status == "in_review" &&
                           !r.assignee.empty() && r.assignee != c.assignee;
  if (std::find(next.begin(), next.end(), r.status) == next.end() && !reassigning) {
    std::string allowed = words(next);
    if (c.status == "in_review") allowed += " (or stay in_review with another assignee)";
    return refuse(fmt::format("case {} is {}; it can go to {}, not {}", c.id, c.status, allowed,
                              r.status), "status");
  }
  // What each state takes, and nothing it does not.
  if (r.status == "confirmed") {
    if (r.outcome.empty() || !is_one_of(kOutcomes, r.outcome))
      return refuse(fmt::format("confirming case {} needs an outcome: {}", c.id, words(kOutcomes)),
                    "outcome");
    if (r.outcome == "other" && r.reason.empty())
      return refuse(fmt::format("confirming case {} with outcome other needs a reason (free text)",
                                c.id), "reason");
  } else if (!r.outcome.empty()) {
    return refuse("an outcome is only for confirming a case", "outcome");
  }
  if (r.status == "dismissed") {
    if (r.reason_code.empty() || !is_one_of(kDismissalReasons, r.reason_code))
      return refuse(fmt::format("dismissing case {} needs a reason code: {}", c.id,
                                words(kDismissalReasons)), "reason_code");
    if (r.reason.empty())
      return refuse(fmt::format("dismissing case {} needs a reason (free text) besides its code",
                                c.id), "reason");
  } else if (!r.reason_code.empty()) {
    return refuse("a reason code is only for dismissing a case", "reason_code");
  }
  const bool reopening = c.status == "confirmed" || c.status == "dismissed";
  if (reopening && r.reason.empty())
    return refuse(fmt::format("reopening case {} ({}) needs a reason (free text)", c.id, c.status),
                  "reason");

  store::CaseChange change;
  change.case_id = c.id;
  change.time = time;
  change.actor = std::string(actor);
  change.from_status = c.status;
  change.to_status = r.status;
  change.outcome = r.outcome;
  change.reason_code = r.reason_code;
  change.reason = r.reason;
  change.assignee = r.assignee.empty() ? c.assignee : r.assignee;
  return change;
}

}  // namespace ward::case_review

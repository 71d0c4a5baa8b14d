// The review state machine: which changes a case may go through, what each needs, and the
// messages a privacy officer reads when a change is refused.
#include "case_review/review_states.h"

#include <gtest/gtest.h>

namespace ward::case_review {
namespace {

store::CaseRecord case_in(std::string status, std::string assignee = "") {
  store::CaseRecord c;
  c.id = 42;
  c.status = std::move(status);
  c.assignee = std::move(assignee);
  return c;
}

Result<store::CaseChange> ask(const store::CaseRecord& c, ReviewRequest r) {
  return plan_review(c, r, "cli:alice", 1000);
}

std::string refusal(const Result<store::CaseChange>& r) {
  EXPECT_FALSE(r);
  if (r) return {};
  EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
  return r.error().message;
}

TEST(CaseReviewStates, GoFromNewToReviewToConfirmedOrDismissed) {
  auto review = ask(case_in("new"), {.status = "in_review", .assignee = "bob"});
  ASSERT_TRUE(review) << review.error().message;
  EXPECT_EQ(review->from_status, "new");
  EXPECT_EQ(review->to_status, "in_review");
  EXPECT_EQ(review->assignee, "bob");
  EXPECT_EQ(review->actor, "cli:alice");
  EXPECT_EQ(review->case_id, 42);

  auto confirm = ask(case_in("in_review", "bob"), {.status = "confirmed", .outcome = "snooping"});
  ASSERT_TRUE(confirm) << confirm.error().message;
  EXPECT_EQ(confirm->outcome, "snooping");
  EXPECT_EQ(confirm->assignee, "bob");  // kept when not given

  auto dismiss = ask(case_in("in_review"), {.status = "dismissed", .reason_code = "float_pool",
                                            .reason = "covering 5 East"});
  ASSERT_TRUE(dismiss) << dismiss.error().message;
  EXPECT_EQ(dismiss->reason_code, "float_pool");
  EXPECT_EQ(dismiss->reason, "covering 5 East");
}

TEST(CaseReviewStates, AClosedCaseIsReopenedWithAReason) {
  for (const char* closed : {"confirmed", "dismissed"}) {
    SCOPED_TRACE(closed);
    EXPECT_NE(refusal(ask(case_in(closed), {.status = "in_review"})).find("reopening case 42"),
              std::string::npos);
    auto reopened = ask(case_in(closed), {.status = "in_review", .reason = "new facts"});
    ASSERT_TRUE(reopened) << reopened.error().message;
    EXPECT_EQ(reopened->from_status, closed);
    EXPECT_EQ(reopened->outcome, "");  // the case's outcome and reason code go
    EXPECT_EQ(reopened->reason_code, "");
  }
}

TEST(CaseReviewStates, ARefusedChangeNamesTheCaseItsStateAndWhereItCanGo) {
  EXPECT_EQ(refusal(ask(case_in("new"), {.status = "dismissed", .reason_code = "float_pool",
                                         .reason = "x"})),
            "case 42 is new; it can go to in_review, not dismissed");
  EXPECT_EQ(refusal(ask(case_in("confirmed"), {.status = "dismissed", .reason_code = "other",
                                               .reason = "x"})),
            "case 42 is confirmed; it can go to in_review, not dismissed");
  EXPECT_EQ(refusal(ask(case_in("in_review"), {.status = "in_review"})),
            "case 42 is in_review; it can go to confirmed or dismissed (or stay in_review with "
            "another assignee), not in_review");
  EXPECT_NE(refusal(ask(case_in("in_review"), {.status = "new"})).find("in_review, confirmed or dismissed"),
            std::string::npos);
}

TEST(CaseReviewStates, AnInReviewCaseCanBeGivenToAnotherAssignee) {
  auto moved = ask(case_in("in_review", "bob"), {.status = "in_review", .assignee = "carol"});
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->assignee, "carol");
  refusal(ask(case_in("in_review", "bob"), {.status = "in_review", .assignee = "bob"}));
}

TEST(CaseReviewStates, ConfirmingNeedsAnOutcomeAndDismissingAReasonCodeAndText) {
  auto no_outcome = ask(case_in("in_review"), {.status = "confirmed"});
  EXPECT_EQ(refusal(no_outcome), "confirming case 42 needs an outcome: snooping, policy_violation or other");
  EXPECT_EQ(no_outcome.error().field, "outcome");
  refusal(ask(case_in("in_review"), {.status = "confirmed", .outcome = "curious"}));
  EXPECT_NE(refusal(ask(case_in("in_review"), {.status = "confirmed", .outcome = "other"})).find("needs a reason"),
            std::string::npos);

  auto no_code = ask(case_in("in_review"), {.status = "dismissed", .reason = "fine"});
  EXPECT_EQ(refusal(no_code),
            "dismissing case 42 needs a reason code: covering_colleague, consult_not_recorded, "
            "patient_request, float_pool, data_error or other");
  EXPECT_EQ(no_code.error().field, "reason_code");
  auto no_text = ask(case_in("in_review"), {.status = "dismissed", .reason_code = "float_pool"});
  EXPECT_EQ(no_text.error().field, "reason");
  refusal(no_text);
}

TEST(CaseReviewStates, FieldsOfAnotherStateAreRefused) {
  EXPECT_EQ(refusal(ask(case_in("in_review"), {.status = "dismissed", .outcome = "snooping",
                                               .reason_code = "float_pool", .reason = "x"})),
            "an outcome is only for confirming a case");
  EXPECT_EQ(refusal(ask(case_in("in_review"), {.status = "confirmed", .outcome = "snooping",
                                               .reason_code = "float_pool"})),
            "a reason code is only for dismissing a case");
}

TEST(CaseReviewStates, ListsAreTheOnesTheDocsName) {
  EXPECT_EQ(codes(kCaseStates), (std::vector<std::string>{"new", "in_review", "confirmed", "dismissed"}));
  EXPECT_EQ(codes(kOutcomes), (std::vector<std::string>{"snooping", "policy_violation", "other"}));
  EXPECT_TRUE(is_one_of(kDismissalReasons, "consult_not_recorded"));
  EXPECT_FALSE(is_one_of(kDismissalReasons, "Float_Pool"));
  EXPECT_EQ(next_states("new"), (std::vector<std::string_view>{"in_review"}));
}

}  // namespace
}  // namespace ward::case_review

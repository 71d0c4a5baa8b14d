// Reviewing cases against a real store: a hand-made hospital where float-pool nurses open
// charts no rule explains. A dismissal proposes a rule, counts the open cases it explains, and
// once accepted the next privacy run explains those accesses and their cases go — while the
// dismissed case keeps its state and its history.
#include "case_review/case_review.h"

#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "privacy/engine.h"
#include "testing/instants.h"
#include "testing/shared_data.h"

namespace ward::case_review {
namespace {

using ward::testing::TempDir;

using ward::testing::at;

class CaseReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite_store(dir_.path());
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
    ingest::ParsedRecords r;
    for (const char* id : {"E1", "E2"}) {
      WorkforceMember w;
      w.id = std::string("prac-") + id;
      w.employee_id = id;
      w.name = std::string("Nurse ") + id;
      w.role = "Registered Nurse";
      w.department = "Float Pool";
      r.workforce.push_back(w);
    }
    for (int p = 1; p <= 3; ++p) {
      const std::string id = "pat-" + std::to_string(p);
      r.patients.push_back({id, "MRN" + std::to_string(p), "Patient " + id, "", "1950-01-01", false, "t"});
      if (p == 3) continue;  // pat-3 is not in the hospital's care
      EncounterRecord stay;
      stay.id = "enc-" + std::to_string(p);
      stay.patient_id = id;
      stay.class_code = "IMP";
      stay.department = "5 East";
      stay.start = at("2026-11-01T08:00:00Z");
      stay.end = at("2026-11-04T08:00:00Z");
      r.encounters.push_back(stay);
    }
    add_access(r, "a1", "E1", "pat-1", "2026-11-02T10:00:00Z");
    add_access(r, "a2", "E1", "pat-1", "2026-11-02T11:00:00Z");
    add_access(r, "b1", "E2", "pat-2", "2026-11-02T10:00:00Z");
    add_access(r, "c1", "E1", "pat-3", "2026-11-02T12:00:00Z");
    ASSERT_TRUE(store_->accept(r));
    ASSERT_TRUE(privacy::run_privacy(*store_, {}));
  }

  static void add_access(ingest::ParsedRecords& r, std::string_view id, std::string_view user,
                         std::string_view patient, std::string_view when) {
    Event& e = r.events.start_event();
    e.id = r.events.keep(id);
    e.time = at(when);
    e.kind = EventKind::ehr_access;
    e.action = Action::read;
    e.actor.user_id = r.events.keep(user);
    e.patient.id = r.events.keep(patient);
    e.object = r.events.keep("Flowsheet");
    e.source = r.events.keep("test");
  }

  std::int64_t case_id(std::string_view user, std::string_view patient) {
    auto cases = store_->privacy_cases({});
    EXPECT_TRUE(cases);
    for (const auto& c : *cases)
      if (c.user_id == user && c.patient_id == patient) return c.id;
    return 0;
  }

  std::map<std::string, std::string> explanation_codes() {
    std::map<std::string, std::string> out;
    EXPECT_TRUE(store_->for_each_explanation([&](const store::ExplanationRow& x) -> Result<void> {
      out[x.event_id] = x.explained ? x.code : "unexplained";
      return {};
    }));
    return out;
  }

  Result<ReviewResult> review(std::int64_t id, ReviewRequest r) {
    return review_case(*store_, privacy::default_explanation_rules(), id, r, "cli:alice");
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(CaseReviewTest, ACaseShowsItsAccessesWithTheirExplanationsAndItsHistory) {
  const std::int64_t id = case_id("E1", "pat-1");
  ASSERT_NE(id, 0);
  ASSERT_TRUE(review(id, {.status = "in_review", .assignee = "alice"}));
  auto view = view_case(*store_, id);
  ASSERT_TRUE(view) << view.error().describe();
  EXPECT_EQ(view->record.status, "in_review");
  EXPECT_EQ(view->record.assignee, "alice");
  ASSERT_EQ(view->accesses.size(), 2u);
  EXPECT_EQ(view->accesses[0].event_id, "a1");  // oldest first
  EXPECT_EQ(view->accesses[0].object, "Flowsheet");
  EXPECT_EQ(view->accesses[0].explained, store::EventRow::Explained::no);
  ASSERT_EQ(view->history.size(), 1u);
  EXPECT_EQ(view->history[0].actor, "cli:alice");
  EXPECT_EQ(view->history[0].from_status, "new");
  EXPECT_EQ(view->history[0].to_status, "in_review");

  auto missing = view_case(*store_, 9999);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().message, "there is no case 9999");
}

TEST_F(CaseReviewTest, ADismissalProposesARuleThatTheNextRunUsesOnceAccepted) {
  const std::int64_t id = case_id("E1", "pat-1");
  const std::int64_t other = case_id("E2", "pat-2");
  const std::int64_t out_of_care = case_id("E1", "pat-3");
  ASSERT_NE(id * other * out_of_care, 0);
  ASSERT_TRUE(review(id, {.status = "in_review"}));
  auto dismissed = review(id, {.status = "dismissed", .reason_code = "float_pool",
                               .reason = "covering 5 East on nights"});
  ASSERT_TRUE(dismissed) << dismissed.error().describe();
  EXPECT_EQ(dismissed->record.status, "dismissed");
  EXPECT_EQ(dismissed->record.reason_code, "float_pool");
  EXPECT_EQ(dismissed->record.status_reason, "covering 5 East on nights");
  ASSERT_TRUE(dismissed->proposal) << dismissed->no_proposal;
  const store::ProposalRecord& p = *dismissed->proposal;
  EXPECT_GT(p.id, 0);
  EXPECT_EQ(p.code, fmt::format("float_pool_case_{}", id));
  EXPECT_EQ(p.open_cases, 1);  // E2's look at pat-2 during the stay; not pat-3, out of care
  EXPECT_NE(p.description.find(fmt::format("dismissal of case {} by cli:alice", id)), std::string::npos);

  auto listed = store_->explanation_proposals({.status = "proposed"});
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().rule_yaml, p.rule_yaml);

  auto accepted = decide_proposal(*store_, privacy::default_explanation_rules(), p.id, true,
                                  "cli:bob", "float pool covers every unit");
  ASSERT_TRUE(accepted) << accepted.error().describe();
  EXPECT_EQ(accepted->status, "accepted");
  EXPECT_EQ(accepted->decided_by, "cli:bob");
  auto again = decide_proposal(*store_, privacy::default_explanation_rules(), p.id, true, "cli:bob", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, "proposal " + std::to_string(p.id) + " is already accepted (by cli:bob)");

  auto run = privacy::run_privacy(*store_, {});
  ASSERT_TRUE(run) << run.error().describe();
  EXPECT_EQ(run->explained_by.at(p.code), 3u);  // a1, a2, b1
  auto codes = explanation_codes();
  EXPECT_EQ(codes["a1"], p.code);
  EXPECT_EQ(codes["b1"], p.code);
  EXPECT_EQ(codes["c1"], "unexplained");
  EXPECT_EQ(case_id("E2", "pat-2"), 0) << "the case the rule explains is gone";
  EXPECT_EQ(case_id("E1", "pat-3"), out_of_care) << "the case it does not explain stays";

  // The dismissed case is explained now, and keeps its review state and history.
  auto view = view_case(*store_, id);
  ASSERT_TRUE(view) << view.error().describe();
  EXPECT_EQ(view->record.status, "dismissed");
  EXPECT_EQ(view->record.reason_code, "float_pool");
  ASSERT_EQ(view->history.size(), 2u);
  EXPECT_EQ(view->history[1].reason, "covering 5 East on nights");
  ASSERT_EQ(view->accesses.size(), 2u);
  EXPECT_EQ(view->accesses[0].explanation_code, p.code);
}

TEST_F(CaseReviewTest, ARejectedProposalIsNotUsed) {
  const std::int64_t id = case_id("E1", "pat-1");
  ASSERT_TRUE(review(id, {.status = "in_review"}));
  auto dismissed = review(id, {.status = "dismissed", .reason_code = "covering_colleague", .reason = "x"});
  ASSERT_TRUE(dismissed && dismissed->proposal);
  ASSERT_TRUE(decide_proposal(*store_, {}, dismissed->proposal->id, false, "cli:bob", "too broad"));
  ASSERT_TRUE(privacy::run_privacy(*store_, {}));
  EXPECT_EQ(explanation_codes()["b1"], "unexplained");
  EXPECT_NE(case_id("E2", "pat-2"), 0);
}

TEST_F(CaseReviewTest, AProposalThatWouldNotExplainItsOwnCaseIsNotMade) {
  const std::int64_t id = case_id("E1", "pat-3");  // no stay of pat-3 near the access
  ASSERT_TRUE(review(id, {.status = "in_review"}));
  auto dismissed = review(id, {.status = "dismissed", .reason_code = "float_pool", .reason = "x"});
  ASSERT_TRUE(dismissed) << dismissed.error().describe();
  EXPECT_FALSE(dismissed->proposal);
  EXPECT_NE(dismissed->no_proposal.find("explains none of the case's 1 accesses"), std::string::npos)
      << dismissed->no_proposal;
}

TEST_F(CaseReviewTest, ReopeningAndDismissingAgainProposesUnderANewCode) {
  const std::int64_t id = case_id("E1", "pat-1");
  ASSERT_TRUE(review(id, {.status = "in_review"}));
  ASSERT_TRUE(review(id, {.status = "dismissed", .reason_code = "float_pool", .reason = "x"}));
  ASSERT_TRUE(review(id, {.status = "in_review", .reason = "the nurse was not on shift"}));
  auto second = review(id, {.status = "dismissed", .reason_code = "float_pool", .reason = "y"});
  ASSERT_TRUE(second && second->proposal);
  EXPECT_EQ(second->proposal->code, fmt::format("float_pool_case_{}_2", id));
  auto history = store_->privacy_case_history(id);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), 4u);
}

}  // namespace
}  // namespace ward::case_review

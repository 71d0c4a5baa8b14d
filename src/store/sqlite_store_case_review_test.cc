// The store's side of case review: history and proposals persist, a later privacy run keeps
// review states (and a reviewed case it no longer finds), case ids are never reused, the CLI's
// audit records sit in the same trail as the API's, and a version-3 store upgrades in place.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

// Two accesses (seq 1 and 2) for the cases to point at.
void add_two_accesses(Store& store) {
  ingest::ParsedRecords r;
  for (int i = 0; i < 2; ++i) {
    Event& e = r.events.start_event();
    e.time = *parse_iso8601("2026-11-01T10:00:00Z") + i * kNsPerSecond;
    e.kind = EventKind::ehr_access;
    e.action = Action::read;
    e.actor.user_id = r.events.keep("E1");
    e.patient.id = r.events.keep(i == 0 ? "pat-1" : "pat-2");
    e.id = r.events.keep(i == 0 ? "a1" : "a2");
  }
  ASSERT_TRUE(store.accept(r));
}

CaseRecord a_case(std::string key, std::int64_t seq) {
  CaseRecord c;
  c.key = std::move(key);
  c.user_id = "E1";
  c.patient_id = "pat-" + std::to_string(seq);
  c.score = 60;
  c.categories = "curiosity";
  c.reason = "1 access";
  c.seqs = {seq};
  return c;
}

std::int64_t id_of(Store& store, std::string_view key) {
  auto cases = store.privacy_cases({});
  EXPECT_TRUE(cases);
  for (const auto& c : *cases)
    if (c.key == key) return c.id;
  return 0;
}

CaseChange change(std::int64_t id, std::string from, std::string to) {
  CaseChange c;
  c.case_id = id;
  c.time = 1000;
  c.actor = "token:1 (laptop)";
  c.from_status = std::move(from);
  c.to_status = std::move(to);
  return c;
}

// Keyset paging walks the queue in the same order as one big page, for every sort and order,
// through ties in the sort value, cases without a time, and a status filter.
TEST(SqliteStoreCaseReview, CursorPagesGiveTheWholeQueueInOrderWithoutGapsOrRepeats) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_two_accesses(**store);
  std::vector<CaseRecord> cases;
  for (int i = 0; i < 23; ++i) {
    CaseRecord c = a_case(fmt::format("E1|case-{}", i), 1 + i % 2);
    c.score = 40 + (i % 4) * 12.5 + (i % 7 == 0 ? 0.1 : 0);  // many ties, a few fractions
    c.first = i % 5 == 0 ? 0 : 1'000 + (i % 3) * 10;            // ties and cases without a time
    c.last = c.first + (i % 2) * 5;
    cases.push_back(std::move(c));
  }
  ASSERT_TRUE((*store)->save_privacy_run({}, cases));
  for (const char* sort : {"score", "last", "first", "case_id"}) {
    for (bool descending : {true, false}) {
      for (const char* status : {"", "new"}) {
        SCOPED_TRACE(fmt::format("sort={} descending={} status={}", sort, descending, status));
        CaseQuery all;
        all.sort = sort;
        all.descending = descending;
        all.status = status;
        auto whole = (*store)->privacy_cases(all);
        ASSERT_TRUE(whole);
        ASSERT_EQ(whole->size(), 23u);
        std::vector<std::int64_t> expected, paged;
        for (const auto& c : *whole) expected.push_back(c.id);
        CaseQuery page = all;
        page.limit = 4;
        while (true) {
          auto part = (*store)->privacy_cases(page);
          ASSERT_TRUE(part);
          for (const auto& c : *part) paged.push_back(c.id);
          if (part->size() < 4u) break;
          const CaseRecord& last = part->back();
          page.after = CaseCursor{last.score, std::string_view(sort) == "first" ? last.first : last.last, last.id};
          ASSERT_LE(paged.size(), 23u);
        }
        EXPECT_EQ(paged, expected);
      }
    }
  }
}

TEST(SqliteStoreCaseReview, ARerunKeepsReviewStateHistoryAndAReviewedCaseItNoLongerFinds) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_two_accesses(**store);
  ASSERT_TRUE((*store)->save_privacy_run({}, {a_case("E1|pat-1", 1), a_case("E1|pat-2", 2)}));
  const std::int64_t reviewed = id_of(**store, "E1|pat-1");
  const std::int64_t fresh = id_of(**store, "E1|pat-2");
  ASSERT_TRUE((*store)->review_privacy_case(change(reviewed, "new", "in_review"), nullptr));
  CaseChange dismiss = change(reviewed, "in_review", "dismissed");
  dismiss.reason_code = "float_pool";
  dismiss.reason = "covering";
  dismiss.assignee = "alice";
  ASSERT_TRUE((*store)->review_privacy_case(dismiss, nullptr));

  // The next run finds neither (late ADT explained both): the new one goes, the dismissed stays.
  ASSERT_TRUE((*store)->save_privacy_run({}, {}));
  auto kept = (*store)->privacy_case(reviewed);
  ASSERT_TRUE(kept);
  ASSERT_TRUE(*kept);
  EXPECT_EQ((*kept)->status, "dismissed");
  EXPECT_EQ((*kept)->reason_code, "float_pool");
  EXPECT_EQ((*kept)->status_reason, "covering");
  EXPECT_EQ((*kept)->assignee, "alice");
  EXPECT_EQ((*kept)->event_ids, (std::vector<std::string>{"a1"}));
  auto gone = (*store)->privacy_case(fresh);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);

  // Found again with other findings: same id, same review state.
  CaseRecord again = a_case("E1|pat-1", 1);
  again.score = 80;
  again.categories = "family";
  ASSERT_TRUE((*store)->save_privacy_run({}, {again}));
  EXPECT_EQ(id_of(**store, "E1|pat-1"), reviewed);
  auto reread = (*store)->privacy_case(reviewed);
  ASSERT_TRUE(reread && *reread);
  EXPECT_EQ((*reread)->status, "dismissed");
  EXPECT_EQ((*reread)->categories, "family");

  auto history = (*store)->privacy_case_history(reviewed);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].actor, "token:1 (laptop)");
  EXPECT_EQ((*history)[1].from_status, "in_review");
  EXPECT_EQ((*history)[1].to_status, "dismissed");
  EXPECT_EQ((*history)[1].reason_code, "float_pool");
}

TEST(SqliteStoreCaseReview, ACaseIdIsNeverGivenToAnotherCase) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_two_accesses(**store);
  ASSERT_TRUE((*store)->save_privacy_run({}, {a_case("E1|pat-1", 1), a_case("E1|pat-2", 2)}));
  const std::int64_t last = id_of(**store, "E1|pat-2");
  ASSERT_TRUE((*store)->save_privacy_run({}, {a_case("E1|pat-1", 1)}));  // the last case goes
  ASSERT_TRUE((*store)->save_privacy_run({}, {a_case("E1|pat-1", 1), a_case("E1|other", 2)}));
  EXPECT_EQ(id_of(**store, "E1|other"), last + 1) << "not the id of the case that went, nor a gap per run";
}

TEST(SqliteStoreCaseReview, AChangeOfACaseSomeoneElseChangedIsRefused) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  add_two_accesses(**store);
  ASSERT_TRUE((*store)->save_privacy_run({}, {a_case("E1|pat-1", 1)}));
  const std::int64_t id = id_of(**store, "E1|pat-1");
  ASSERT_TRUE((*store)->review_privacy_case(change(id, "new", "in_review"), nullptr));
  auto stale = (*store)->review_privacy_case(change(id, "new", "in_review"), nullptr);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::invalid_input);
  EXPECT_NE(stale.error().message.find("is in_review now, not new"), std::string::npos);
  auto missing = (*store)->review_privacy_case(change(id + 100, "new", "in_review"), nullptr);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  auto history = (*store)->privacy_case_history(id);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), 1u) << "a refused change leaves no history";
}

TEST(SqliteStoreCaseReview, ProposalsAndDecisionsPersistAcrossReopen) {
  TempDir dir;
  std::int64_t proposal_id = 0;
  {
    auto store = open_sqlite_store(dir.path());
    ASSERT_TRUE(store);
    add_two_accesses(**store);
    ASSERT_TRUE((*store)->save_privacy_run({}, {a_case("E1|pat-1", 1)}));
    const std::int64_t id = id_of(**store, "E1|pat-1");
    ASSERT_TRUE((*store)->review_privacy_case(change(id, "new", "in_review"), nullptr));
    ProposalRecord p;
    p.case_id = id;
    p.code = "float_pool_case_1";
    p.description = "Float Pool nurses";
    p.rule_yaml = "- {code: float_pool_case_1, kind: unit, user_departments: [Float Pool]}";
    p.open_cases = 3;
    p.proposed = 2000;
    p.proposed_by = "cli:alice";
    CaseChange dismiss = change(id, "in_review", "dismissed");
    dismiss.reason_code = "float_pool";
    auto added = (*store)->review_privacy_case(dismiss, &p);
    ASSERT_TRUE(added) << added.error().describe();
    proposal_id = *added;
    ASSERT_GT(proposal_id, 0);
    ASSERT_TRUE((*store)->decide_explanation_proposal({proposal_id, "accepted", 3000, "cli:bob", "ok"}));
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  auto accepted = (*store)->explanation_proposals({.status = "accepted"});
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->size(), 1u);
  const ProposalRecord& p = accepted->front();
  EXPECT_EQ(p.id, proposal_id);
  EXPECT_EQ(p.open_cases, 3);
  EXPECT_EQ(p.proposed_by, "cli:alice");
  EXPECT_EQ(p.decided, 3000);
  EXPECT_EQ(p.decided_by, "cli:bob");
  EXPECT_EQ(p.decision_reason, "ok");
  auto proposed = (*store)->explanation_proposals({.status = "proposed"});
  ASSERT_TRUE(proposed);
  EXPECT_TRUE(proposed->empty());
  auto missing = (*store)->decide_explanation_proposal({proposal_id + 1, "rejected", 1, "x", ""});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST(SqliteStoreCaseReview, CliCommandsGoToTheAuditTrailBesideApiRequests) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->record_api_request({1000, 7, "GET", "/api/v1/privacy/cases/{case}", "case:4", 200}));
  ASSERT_TRUE((*store)->record_cli_command({2000, "cli:alice", "ward privacy case {id}", "case:4", 0}));
  auto trail = (*store)->api_requests_about("case:4", 10);
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 2u);
  EXPECT_EQ((*trail)[0].actor, "cli:alice");  // newest first
  EXPECT_EQ((*trail)[0].token_id, 0);
  EXPECT_EQ((*trail)[0].method, "CLI");
  EXPECT_EQ((*trail)[0].route, "ward privacy case {id}");
  EXPECT_EQ((*trail)[0].status, 0);
  EXPECT_EQ((*trail)[1].token_id, 7);
  EXPECT_EQ((*trail)[1].actor, "");
}

TEST(SqliteStoreCaseReview, AVersion3StoreKeepsItsCasesAndAuditTrail) {
  TempDir dir;
  {
    auto db = Db::open(dir.path() / "ward.db");
    ASSERT_TRUE(db);
    for (std::size_t i = 0; i < 3; ++i)
      ASSERT_TRUE(db->exec(fmt::format("BEGIN; {} PRAGMA user_version = {}; COMMIT;",
                                       migrations()[i].sql, i + 1)));
    ASSERT_TRUE(db->exec(
        "INSERT INTO privacy_cases (id, case_key, score, categories, reason, status, status_reason) "
        "VALUES (5, 'E1|pat-1', 60, 'curiosity', 'r', 'confirmed', 'seen');"
        "INSERT INTO api_audit (time_ns, token_id, method, route, subject, status) "
        "VALUES (1, 2, 'GET', '/api/v1/privacy/cases', NULL, 200);"));
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  auto c = (*store)->privacy_case(5);
  ASSERT_TRUE(c && *c);
  EXPECT_EQ((*c)->status, "confirmed");
  EXPECT_EQ((*c)->status_reason, "seen");
  EXPECT_EQ((*c)->outcome, "");
  add_two_accesses(**store);
  ASSERT_TRUE((*store)->save_privacy_run({}, {a_case("E1|pat-2", 2)}));
  EXPECT_EQ(id_of(**store, "E1|pat-2"), 6);
  ASSERT_TRUE((*store)->record_cli_command({2, "cli:alice", "ward privacy cases", "", 0}));
}

}  // namespace
}  // namespace ward::store

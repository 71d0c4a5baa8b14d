// The overview's aggregates and the case queue's pages: events per input per day with each
// input's newest event, cases a page at a time in the order asked for with the total, and the
// tallies of cases and alerts.
#include <gtest/gtest.h>

#include "core/time.h"
#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

class OverviewStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = open_sqlite_store(dir_.path());
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
  }
  // `n` events from `source` at `time` (a second apart).
  void add_events(const char* source, const char* time, int n) {
    ingest::ParsedRecords r;
    for (int i = 0; i < n; ++i) {
      Event& e = r.events.start_event();
      e.time = *parse_iso8601(time) + i * kNsPerSecond;
      e.kind = EventKind::ehr_access;
      e.action = Action::read;
      e.actor.user_id = r.events.keep("E1");
      e.patient.id = r.events.keep("pat-1");
      e.source = r.events.keep(source);
      e.id = r.events.keep(std::string(source) + time + std::to_string(i));
    }
    ASSERT_TRUE(store_->accept(r));
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(OverviewStoreTest, CountsEventsPerInputAndDayFromTheFirstDayAsked) {
  add_events("ehr.csv", "2026-11-01T10:00:00Z", 3);
  add_events("ehr.csv", "2026-11-03T23:59:00Z", 2);
  add_events("mllp:2575", "2026-11-02T00:30:00Z", 4);
  const std::int64_t nov2 = *parse_iso8601("2026-11-02T00:00:00Z") / kNsPerDay;
  auto activity = store_->input_activity(nov2);
  ASSERT_TRUE(activity) << activity.error().describe();
  ASSERT_EQ(activity->size(), 2u);
  const auto& ehr = (*activity)[0];
  EXPECT_EQ(ehr.source, "ehr.csv");
  EXPECT_EQ(ehr.events, 5u);  // all of them, though the days start on the 2nd
  EXPECT_EQ(format_iso8601(ehr.first), "2026-11-01T10:00:00Z");
  EXPECT_EQ(format_iso8601(ehr.last), "2026-11-03T23:59:01Z");
  ASSERT_EQ(ehr.per_day.size(), 1u);
  EXPECT_EQ(ehr.per_day[0].first, nov2 + 1);
  EXPECT_EQ(ehr.per_day[0].second, 2u);
  const auto& mllp = (*activity)[1];
  EXPECT_EQ(mllp.source, "mllp:2575");
  ASSERT_EQ(mllp.per_day.size(), 1u);
  EXPECT_EQ(mllp.per_day[0], std::make_pair(nov2, std::uint64_t{4}));
}

class CaseQueueStoreTest : public OverviewStoreTest {
 protected:
  // Five cases: scores 10..50, case k's last access k days after Nov 1, users E1/E2 alternating.
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(OverviewStoreTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(add_events("ehr.csv", "2026-11-01T10:00:00Z", 5));
    std::vector<CaseRecord> cases;
    for (int k = 1; k <= 5; ++k) {
      CaseRecord c;
      c.key = "case-" + std::to_string(k);
      c.user_id = k % 2 ? "E1" : "E2";
      c.patient_id = "pat-1";
      c.score = 10.0 * ((k * 3) % 5 + 1);  // 40, 20, 50, 30, 10: not the id order
      c.categories = k == 1 ? "vip;curiosity" : "curiosity";
      c.reason = "test";
      c.first = *parse_iso8601("2026-11-01T00:00:00Z");
      c.last = c.first + k * kNsPerDay;
      c.seqs = {k};
      cases.push_back(std::move(c));
    }
    ASSERT_TRUE(store_->save_privacy_run(ExplanationBatch{}, cases));
  }
  std::vector<std::string> keys(const CaseQuery& q) {
    std::vector<std::string> out;
    auto found = store_->privacy_cases(q);
    EXPECT_TRUE(found) << found.error().describe();
    if (found)
      for (const auto& c : *found) out.push_back(c.key);
    return out;
  }
};

TEST_F(CaseQueueStoreTest, PagesInTheOrderAskedWithTheTotal) {
  CaseQuery q;
  q.limit = 2;
  EXPECT_EQ(keys(q), (std::vector<std::string>{"case-3", "case-1"}));  // scores 50, 40
  q.offset = 2;
  EXPECT_EQ(keys(q), (std::vector<std::string>{"case-4", "case-2"}));  // 30, 20
  q.offset = 4;
  EXPECT_EQ(keys(q), (std::vector<std::string>{"case-5"}));
  EXPECT_EQ(*store_->count_privacy_cases(q), 5u);
  q.offset = 0;
  q.sort = "last";
  q.descending = false;
  EXPECT_EQ(keys(q), (std::vector<std::string>{"case-1", "case-2"}));
  q.sort = "case_id";
  q.descending = true;
  EXPECT_EQ(keys(q), (std::vector<std::string>{"case-5", "case-4"}));
}

TEST_F(CaseQueueStoreTest, FiltersByOpenStatusAndUser) {
  auto all = store_->privacy_cases({});
  ASSERT_TRUE(all);
  CaseChange review;
  review.case_id = (*all)[0].id;  // case-3, the highest score
  review.time = 1;
  review.actor = "test";
  review.from_status = "new";
  review.to_status = "in_review";
  ASSERT_TRUE(store_->review_privacy_case(review, nullptr));
  CaseQuery q;
  q.status = "open";
  EXPECT_EQ(*store_->count_privacy_cases(q), 5u);  // new and in_review
  q.status = "in_review";
  EXPECT_EQ(keys(q), (std::vector<std::string>{"case-3"}));
  q.status = "";
  q.user_id = "E2";
  EXPECT_EQ(keys(q), (std::vector<std::string>{"case-4", "case-2"}));
  EXPECT_EQ(*store_->count_privacy_cases(q), 2u);

  auto tallies = store_->case_tallies();
  ASSERT_TRUE(tallies);
  std::uint64_t new_curiosity = 0, vip = 0, in_review = 0;
  for (const auto& t : *tallies) {
    if (t.status == "new" && t.categories == "curiosity") new_curiosity = t.cases;
    if (t.categories == "vip;curiosity") vip = t.cases;
    if (t.status == "in_review") in_review += t.cases;
  }
  EXPECT_EQ(new_curiosity, 3u);
  EXPECT_EQ(vip, 1u);
  EXPECT_EQ(in_review, 1u);
}

TEST_F(OverviewStoreTest, TalliesAlertsByLevelAndStatus) {
  std::vector<AlertRecord> alerts;
  for (int i = 0; i < 3; ++i) {
    AlertRecord a;
    a.rule_id = "r1";
    a.rule_title = "Rule one";
    a.level = i == 0 ? "critical" : "low";
    a.event_time = a.detected = 1;
    a.source = "test";
    a.event_ref = "line " + std::to_string(i);
    a.matched = "{}";
    alerts.push_back(a);
  }
  ASSERT_TRUE(store_->add_alerts(alerts));
  auto tallies = store_->alert_tallies();
  ASSERT_TRUE(tallies);
  ASSERT_EQ(tallies->size(), 2u);
  EXPECT_EQ((*tallies)[0].level, "critical");
  EXPECT_EQ((*tallies)[0].alerts, 1u);
  EXPECT_EQ((*tallies)[1].level, "low");
  EXPECT_EQ((*tallies)[1].status, "open");
  EXPECT_EQ((*tallies)[1].alerts, 2u);
}

}  // namespace
}  // namespace ward::store

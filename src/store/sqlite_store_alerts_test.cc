// Detection alerts in the SQLite store: kept once per (rule, source, event), read back newest
// first with filters and paging, and still there when the store is opened again.
#include <gtest/gtest.h>

#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

AlertRecord alert(std::string rule, std::string level, std::string ref, TimeNs t) {
  AlertRecord a;
  a.rule_id = std::move(rule);
  a.rule_title = "Title of " + a.rule_id;
  a.level = std::move(level);
  a.event_time = t;
  a.detected = t + 5;
  a.source = "syslog:tcp";
  a.event_ref = std::move(ref);
  a.host = "ws-12";
  a.user_id = "jdoe";
  a.tags = "attack.credential-access attack.t1110";
  a.matched = R"({"app_name":"sshd"})";
  a.raw = "<38>1 2026-11-30T10:00:00Z ws-12 sshd - - - Failed password for jdoe";
  return a;
}

TEST(SqliteStoreAlerts, AnAlertIsKeptOncePerRuleSourceAndEvent) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  std::vector<AlertRecord> first = {alert("r1", "high", "line 1", 100), alert("r1", "high", "line 2", 200),
                                    alert("r2", "low", "line 1", 100)};
  auto added = (*store)->add_alerts(first);
  ASSERT_TRUE(added) << added.error().describe();
  EXPECT_EQ(*added, 3u);
  // The same events again (a replay) and one new one.
  first.push_back(alert("r2", "low", "line 2", 200));
  added = (*store)->add_alerts(first);
  ASSERT_TRUE(added);
  EXPECT_EQ(*added, 1u);
  auto all = (*store)->alerts({});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 4u);
}

TEST(SqliteStoreAlerts, FiltersAndPagesNewestFirst) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  std::vector<AlertRecord> batch;
  const char* levels[] = {"informational", "low", "medium", "high", "critical"};
  for (int i = 0; i < 10; ++i)
    batch.push_back(alert(i % 2 ? "odd" : "even", levels[i % 5], "line " + std::to_string(i), 1000 + i));
  ASSERT_TRUE((*store)->add_alerts(batch));

  auto newest = (*store)->alerts({});
  ASSERT_TRUE(newest);
  ASSERT_EQ(newest->size(), 10u);
  EXPECT_EQ(newest->front().event_ref, "line 9");
  EXPECT_EQ(newest->back().event_ref, "line 0");
  EXPECT_EQ(newest->front().raw.substr(0, 4), "<38>");

  AlertQuery high;
  high.min_level = "high";
  auto serious = (*store)->alerts(high);
  ASSERT_TRUE(serious);
  ASSERT_EQ(serious->size(), 4u);  // levels high and critical: i = 3, 4, 8, 9
  for (const auto& a : *serious) EXPECT_TRUE(a.level == "high" || a.level == "critical") << a.level;

  AlertQuery odd;
  odd.rule_id = "odd";
  odd.from = 1003;
  odd.to = 1008;
  auto some = (*store)->alerts(odd);
  ASSERT_TRUE(some);
  ASSERT_EQ(some->size(), 3u);  // 1003, 1005, 1007
  EXPECT_EQ((*some)[0].event_time, 1007);

  // Pages of 3 walk every alert once, in order.
  AlertQuery page;
  page.limit = 3;
  std::vector<std::string> seen;
  for (int guard = 0; guard < 10; ++guard) {
    auto got = (*store)->alerts(page);
    ASSERT_TRUE(got);
    for (const auto& a : *got) seen.push_back(a.event_ref);
    if (static_cast<int>(got->size()) < page.limit) break;
    page.before_time = got->back().event_time;
    page.before_id = got->back().id;
  }
  ASSERT_EQ(seen.size(), 10u);
  EXPECT_EQ(seen.front(), "line 9");
  EXPECT_EQ(seen.back(), "line 0");
}

TEST(SqliteStoreAlerts, OneAlertByIdAndAfterReopening) {
  TempDir dir;
  std::int64_t id = 0;
  {
    auto store = open_sqlite_store(dir.path());
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->add_alerts({alert("r1", "critical", "msg 7", 42)}));
    auto all = (*store)->alerts({});
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 1u);
    id = all->front().id;
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  auto one = (*store)->alert(id);
  ASSERT_TRUE(one);
  ASSERT_TRUE(one->has_value());
  EXPECT_EQ((*one)->rule_title, "Title of r1");
  EXPECT_EQ((*one)->level, "critical");
  EXPECT_EQ((*one)->matched, R"({"app_name":"sshd"})");
  EXPECT_EQ((*one)->tags, "attack.credential-access attack.t1110");
  EXPECT_EQ((*one)->status, "open");
  auto none = (*store)->alert(id + 1);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

TEST(SqliteStoreAlerts, StatusChangesAreKeptAsHistoryAndAStaleChangeIsRefused) {
  TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->add_alerts({alert("r1", "high", "msg 1", 42)}));
  const std::int64_t id = (*store)->alerts({})->front().id;
  ASSERT_TRUE((*store)->change_alert_status({.alert_id = id, .time = 100, .actor = "cli:alice",
                                              .from_status = "open", .to_status = "acknowledged",
                                              .comment = "looking"}));
  auto closed = (*store)->change_alert_status({.alert_id = id, .time = 200, .actor = "token:2 (bob)",
                                                .from_status = "acknowledged", .to_status = "closed",
                                                .resolution = "false_positive", .comment = "test account"});
  ASSERT_TRUE(closed) << closed.error().describe();
  auto one = (*store)->alert(id);
  ASSERT_TRUE(one && *one);
  EXPECT_EQ((*one)->status, "closed");
  EXPECT_EQ((*one)->resolution, "false_positive");

  auto history = (*store)->alert_history(id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].actor, "cli:alice");
  EXPECT_EQ((*history)[0].from_status, "open");
  EXPECT_EQ((*history)[0].to_status, "acknowledged");
  EXPECT_EQ((*history)[0].comment, "looking");
  EXPECT_EQ((*history)[1].to_status, "closed");
  EXPECT_EQ((*history)[1].resolution, "false_positive");
  EXPECT_EQ((*history)[1].time, 200);

  // Someone else's change that assumed the alert was still open.
  auto stale = (*store)->change_alert_status({.alert_id = id, .time = 300, .actor = "cli:carol",
                                               .from_status = "open", .to_status = "acknowledged"});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::invalid_input);
  EXPECT_NE(stale.error().message.find("is closed now"), std::string::npos) << stale.error().message;
  EXPECT_EQ((*store)->alert_history(id)->size(), 2u);
  auto missing = (*store)->change_alert_status({.alert_id = id + 5, .from_status = "open", .to_status = "closed"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace ward::store

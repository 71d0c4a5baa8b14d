// The alert workflow's rules, as an analyst meets them: which changes are allowed, what closing
// needs, and the history a change leaves in a real store.
#include "alert_review/alert_review.h"

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::alert_review {
namespace {

TEST(AlertReview, AllowsOpenToAcknowledgedToClosedAndOpenToClosed) {
  EXPECT_TRUE(check_change("open", {.status = "acknowledged"}));
  EXPECT_TRUE(check_change("open", {.status = "closed", .resolution = "benign"}));
  EXPECT_TRUE(check_change("acknowledged", {.status = "closed", .resolution = "true_positive"}));
}

TEST(AlertReview, RefusesOtherChangesAndSaysWhy) {
  auto back = check_change("closed", {.status = "acknowledged"});
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().message, "the alert is closed; it cannot change any more");
  auto again = check_change("acknowledged", {.status = "acknowledged"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, "the alert is acknowledged already; it can go to closed");
  auto reopen = check_change("acknowledged", {.status = "open"});
  ASSERT_FALSE(reopen);
  EXPECT_EQ(reopen.error().field, "status");
  auto no_resolution = check_change("open", {.status = "closed"});
  ASSERT_FALSE(no_resolution);
  EXPECT_EQ(no_resolution.error().field, "resolution");
  auto unknown = check_change("open", {.status = "closed", .resolution = "maybe"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "resolution");
  auto early = check_change("open", {.status = "acknowledged", .resolution = "benign"});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().message, "resolution: only a closed alert has one");
}

TEST(AlertReview, AChangeIsStoredWithItsHistory) {
  ward::testing::TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  store::AlertRecord a;
  a.rule_id = "r1";
  a.rule_title = "SSH login failure";
  a.level = "high";
  a.source = "syslog:tcp";
  a.event_ref = "msg 1";
  ASSERT_TRUE((*store)->add_alerts({a}));
  const std::int64_t id = (*store)->alerts({})->front().id;
  auto done = change_status(**store, id, {.status = "closed", .resolution = "benign", .comment = "scanner"},
                            "cli:alice");
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_EQ(done->alert.status, "closed");
  EXPECT_EQ(done->change.from_status, "open");
  auto history = (*store)->alert_history(id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].actor, "cli:alice");
  EXPECT_EQ((*history)[0].comment, "scanner");
  auto missing = change_status(**store, id + 1, {.status = "acknowledged"}, "cli:alice");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace ward::alert_review

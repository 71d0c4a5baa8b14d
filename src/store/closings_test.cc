// Closing times as the mean times to close read them: an alert closed (after an acknowledgement)
// counts from when Ward raised it to its closing change; open and acknowledged alerts do not.
#include <gtest/gtest.h>

#include "store/capability_db.h"
#include "store/closings.h"
#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::store {
namespace {

AlertRecord raised(const char* ref, TimeNs detected) {
  AlertRecord a;
  a.rule_id = "r1";
  a.rule_title = "Failed logons";
  a.level = "high";
  a.event_time = detected - 10;
  a.detected = detected;
  a.source = "syslog:tcp";
  a.event_ref = ref;
  a.matched = "{}";
  return a;
}

TEST(Closings, AnAlertClosesAtItsClosingChange) {
  ward::testing::TempDir dir;
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  ASSERT_TRUE((*store)->add_alerts({raised("line 1", 1000), raised("line 2", 2000), raised("line 3", 3000)}));
  ASSERT_TRUE((*store)->change_alert_status({0, 1, 1500, "cli:bob", "open", "acknowledged", "", ""}));
  ASSERT_TRUE((*store)->change_alert_status({0, 1, 9000, "cli:bob", "acknowledged", "closed", "benign", ""}));
  ASSERT_TRUE((*store)->change_alert_status({0, 2, 2500, "cli:bob", "open", "acknowledged", "", ""}));
  auto db = open_capability_db(dir.path());
  ASSERT_TRUE(db);
  auto closings = alert_closings(*db);
  ASSERT_TRUE(closings) << closings.error().describe();
  ASSERT_EQ(closings->size(), 1u);  // alert 2 is only acknowledged, alert 3 open
  EXPECT_EQ((*closings)[0].id, 1);
  EXPECT_EQ((*closings)[0].opened, 1000);
  EXPECT_EQ((*closings)[0].closed, 9000);
}

}  // namespace
}  // namespace ward::store

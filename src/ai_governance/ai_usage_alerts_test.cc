// The alerts for AI services seen for the first time: one per new service, from its earliest
// use, at medium for shadow AI and informational for an approved service.
#include "ai_governance/ai_usage_alerts.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace ward::ai_governance {
namespace {

TEST(FirstSeenAlerts, OnePerNewServiceFromItsEarliestUse) {
  UsageRows rows;
  rows[{"E100", "deepseek", "2026-11-03", UsageStatus::unknown}] = {true, "ai-cn", 4, 300, 400, {"chat.deepseek.com"}};
  rows[{"10.1.2.3", "deepseek", "2026-11-02", UsageStatus::unknown}] = {false, "ai-cn", 1, 200, 200, {"api.deepseek.com"}};
  rows[{"E200", "openai", "2026-11-02", UsageStatus::approved}] = {true, "ai", 9, 100, 900, {"chatgpt.com"}};
  rows[{"E300", "claude", "2026-11-02", UsageStatus::unapproved}] = {true, "ai", 2, 150, 160, {"claude.ai"}};
  const auto alerts = first_seen_alerts(rows, {"deepseek", "openai"}, 5000);  // claude was seen before
  ASSERT_EQ(alerts.size(), 2u);

  const store::AlertRecord& shadow = alerts[0];
  EXPECT_EQ(shadow.rule_id, kFirstSeenRuleId);
  EXPECT_EQ(shadow.rule_title, "AI service seen for the first time: deepseek (not in the registry: shadow AI)");
  EXPECT_EQ(shadow.level, "medium");
  EXPECT_EQ(shadow.event_time, 200) << "the earliest use";
  EXPECT_EQ(shadow.host, "10.1.2.3") << "an address, not a user";
  EXPECT_EQ(shadow.user_id, "");
  EXPECT_EQ(shadow.detected, 5000);
  const auto matched = nlohmann::json::parse(shadow.matched);
  EXPECT_EQ(matched["service"], "deepseek");
  EXPECT_EQ(matched["hosts"], nlohmann::json::array({"api.deepseek.com"}));

  const store::AlertRecord& approved = alerts[1];
  EXPECT_EQ(approved.level, "informational");
  EXPECT_EQ(approved.user_id, "E200");
  EXPECT_EQ(approved.rule_title, "AI service seen for the first time: openai (approved in the registry)");
}

TEST(FirstSeenAlerts, NothingNewNothingRaised) {
  UsageRows rows;
  rows[{"E300", "claude", "2026-11-02", UsageStatus::unapproved}] = {true, "ai", 2, 150, 160, {"claude.ai"}};
  EXPECT_TRUE(first_seen_alerts(rows, {}, 1).empty());
  EXPECT_TRUE(first_seen_alerts(rows, {"gemini"}, 1).empty()) << "a service these rows do not hold";
}

}  // namespace
}  // namespace ward::ai_governance

// GET /api/v1/alerts and /api/v1/alerts/{alert} over a real store: what an analyst's client sees.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class AlertApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_api({"analyst", "privacy_officer"}));
    std::vector<store::AlertRecord> alerts;
    for (int i = 0; i < 5; ++i) {
      store::AlertRecord a;
      a.rule_id = i < 3 ? "6a3b2c1d-ssh-bruteforce" : "dns-ai-chatbot";
      a.rule_title = i < 3 ? "SSH login failure" : "DNS query to a generative AI service";
      a.level = i < 3 ? "high" : "low";
      a.event_time = *parse_iso8601("2026-11-30T10:00:00Z") + i * kNsPerSecond;
      a.detected = a.event_time;
      a.source = "syslog:tcp";
      a.event_ref = "msg " + std::to_string(i);
      a.matched = R"({"message":"Failed password"})";
      a.raw = "<38>1 2026-11-30T10:00:0" + std::to_string(i) + "Z ws-12 sshd - - - Failed password";
      alerts.push_back(a);
    }
    ASSERT_TRUE(store_->add_alerts(alerts));
  }

  Response get(std::string target) { return request(http::verb::get, std::move(target), "", "", token_of("analyst")); }
};

TEST_F(AlertApiTest, ListsNewestFirstWithoutTheRawEvent) {
  auto res = get("/api/v1/alerts");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  json body = json::parse(res.body());
  ASSERT_EQ(body["alerts"].size(), 5u);
  const json& first = body["alerts"][0];
  EXPECT_EQ(first["event_ref"], "msg 4");
  EXPECT_EQ(first["rule"]["title"], "DNS query to a generative AI service");
  EXPECT_EQ(first["time"], "2026-11-30T10:00:04Z");
  EXPECT_EQ(first["matched"]["message"], "Failed password");
  EXPECT_FALSE(first.contains("raw"));
  EXPECT_TRUE(body["next_cursor"].is_null());
}

TEST_F(AlertApiTest, FiltersByLevelAndRuleAndSaysWhichParameterIsWrong) {
  json high = json::parse(get("/api/v1/alerts?min_level=high").body());
  EXPECT_EQ(high["alerts"].size(), 3u);
  json dns = json::parse(get("/api/v1/alerts?rule=dns-ai-chatbot").body());
  EXPECT_EQ(dns["alerts"].size(), 2u);
  auto bad = get("/api/v1/alerts?level=urgent");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_NE(bad.body().find("level"), std::string::npos) << bad.body();
  EXPECT_EQ(get("/api/v1/alerts?cursor=xyz").result(), http::status::bad_request);
  EXPECT_EQ(get("/api/v1/alerts?from=yesterday").result(), http::status::bad_request);
}

TEST_F(AlertApiTest, PagesWithTheCursorItGives) {
  std::vector<std::string> refs;
  std::string target = "/api/v1/alerts?limit=2";
  for (int guard = 0; guard < 5; ++guard) {
    json page = json::parse(get(target).body());
    for (const auto& a : page["alerts"]) refs.push_back(a["event_ref"]);
    if (page["next_cursor"].is_null()) break;
    target = "/api/v1/alerts?limit=2&cursor=" + page["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(refs, (std::vector<std::string>{"msg 4", "msg 3", "msg 2", "msg 1", "msg 0"}));
}

TEST_F(AlertApiTest, OneAlertHasItsRawEventAndOpeningItIsAudited) {
  json list = json::parse(get("/api/v1/alerts?limit=1").body());
  const std::int64_t id = list["alerts"][0]["id"];
  auto res = get("/api/v1/alerts/" + std::to_string(id));
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  json one = json::parse(res.body());
  // The raw event may hold PHI: the analyst sees what the rule matched, the privacy officer the raw event.
  EXPECT_EQ(one["raw"], "•••");
  EXPECT_EQ(one["status"], "open");
  auto as_officer = request(http::verb::get, "/api/v1/alerts/" + std::to_string(id), "", "", token_of("privacy_officer"));
  EXPECT_EQ(json::parse(as_officer.body())["raw"], "<38>1 2026-11-30T10:00:04Z ws-12 sshd - - - Failed password");
  auto trail = store_->api_requests_about("alert:" + std::to_string(id), 10);
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 2u);
  EXPECT_EQ((*trail)[0].route, "/api/v1/alerts/{alert}");
  EXPECT_EQ(get("/api/v1/alerts/99999").result(), http::status::not_found);
  EXPECT_EQ(get("/api/v1/alerts/abc").result(), http::status::not_found);
}

}  // namespace
}  // namespace ward::api

// The AI governance API on a real store: compliance registers a system and walks it through
// reviews, evidence and approval; an approval with something missing is a 409 saying what; the
// security analyst reads, the executive gets the summary and the transparency listing only;
// every change is in the audit trail under "system:<id>".
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ai_governance/ai_store.h"
#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

std::string sample_system() {
  std::ifstream in("tests/golden/ai_governance/sepsis_watch.json");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class AiApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(open_api({"compliance", "security_analyst", "executive"})); }
  Response post(std::string target, std::string body, const char* role = "compliance") {
    return request(http::verb::post, std::move(target), std::move(body), "application/json", token_of(role));
  }
  Response get(std::string target, const char* role = "compliance") {
    return request(http::verb::get, std::move(target), "", "", token_of(role));
  }
};

TEST_F(AiApiTest, ComplianceWalksASystemToApproval) {
  auto added = post("/api/v1/ai/systems", sample_system());
  ASSERT_EQ(added.result(), http::status::created) << added.body();
  json view = json::parse(added.body());
  EXPECT_EQ(view["status"], "intake");
  EXPECT_EQ(view["risk"]["tier"], "moderate");
  EXPECT_EQ(view["ai_rmf"]["total"], 72);

  auto early = post("/api/v1/ai/systems/sepsis-watch/decisions", R"({"decision":"approve","reason":"looks fine"})");
  ASSERT_EQ(early.result(), http::status::conflict) << early.body();
  EXPECT_NE(json::parse(early.body())["error"]["message"].get<std::string>().find("missing evidence: baa (the vendor receives PHI)"),
            std::string::npos);

  for (const char* kind : {"baa", "local_validation", "bias_test", "monitoring_plan"}) {
    auto e = post("/api/v1/ai/systems/sepsis-watch/evidence", json{{"kind", kind}, {"summary", "on file"}}.dump());
    ASSERT_EQ(e.result(), http::status::created) << e.body();
  }
  for (const char* area : {"security", "privacy", "clinical", "legal", "fairness"}) {
    auto r = post("/api/v1/ai/systems/sepsis-watch/reviews", json{{"area", area}, {"outcome", "pass"}}.dump());
    ASSERT_EQ(r.result(), http::status::created) << r.body();
  }
  EXPECT_EQ(post("/api/v1/ai/systems/sepsis-watch/reviews", R"({"area":"finance","outcome":"pass"})").result(), http::status::bad_request);
  auto no_attributes = post("/api/v1/ai/systems/sepsis-watch/decisions", R"({"decision":"approve","reason":"validated locally"})");
  ASSERT_EQ(no_attributes.result(), http::status::conflict) << no_attributes.body();
  EXPECT_NE(no_attributes.body().find("predictive DSI without HTI-1 source attributes (26 of 29)"), std::string::npos) << no_attributes.body();
  auto approved = post("/api/v1/ai/systems/sepsis-watch/decisions",
                       R"({"decision":"approve","reason":"validated locally","conditions":"nurse confirms","next_review":"2027-06-01",
                           "source_attribute_exception":"vendor sends the rest in Q1"})");
  ASSERT_EQ(approved.result(), http::status::ok) << approved.body();
  view = json::parse(approved.body());
  EXPECT_EQ(view["status"], "approved");
  EXPECT_EQ(view["next_review"], "2027-06-01");
  EXPECT_EQ(view["history"].back()["by"], "token:1 (compliance's laptop)");

  auto rmf = post("/api/v1/ai/systems/sepsis-watch/rmf", R"({"subcategory":"MEASURE-2.11","met":true,"evidence":"bias test"})");
  ASSERT_EQ(rmf.result(), http::status::ok) << rmf.body();
  EXPECT_EQ(json::parse(rmf.body())["ai_rmf"]["met"], 1);
  EXPECT_EQ(post("/api/v1/ai/systems/sepsis-watch/rmf", R"({"subcategory":"GOVERN-9.1","met":true})").result(), http::status::bad_request);

  auto listing = json::parse(get("/api/v1/ai/transparency", "executive").body());
  ASSERT_EQ(listing["systems"].size(), 1u);
  EXPECT_EQ(listing["systems"][0]["intended_use"], "Alert nurses to adult inpatients at risk of sepsis");
  auto summary = json::parse(get("/api/v1/ai/summary", "executive").body());
  EXPECT_EQ(summary["by_status"]["approved"], 1);

  auto trail = store_->api_requests_about("system:sepsis-watch", 50);
  ASSERT_TRUE(trail);
  std::size_t posts = 0;
  for (const auto& e : *trail) posts += e.method == "POST";
  EXPECT_EQ(posts, 15u) << "every change asked for is in the audit trail, refused ones too";
}

TEST_F(AiApiTest, RolesSeeWhatTheTableSays) {
  ASSERT_EQ(post("/api/v1/ai/systems", sample_system()).result(), http::status::created);
  EXPECT_EQ(get("/api/v1/ai/systems", "security_analyst").result(), http::status::ok);
  EXPECT_EQ(get("/api/v1/ai/systems/sepsis-watch", "security_analyst").result(), http::status::ok);
  EXPECT_EQ(post("/api/v1/ai/systems", sample_system(), "security_analyst").result(), http::status::forbidden);
  EXPECT_EQ(get("/api/v1/ai/systems", "executive").result(), http::status::forbidden);
  EXPECT_EQ(get("/api/v1/ai/systems/nope").result(), http::status::not_found);
  auto bad = post("/api/v1/ai/systems", R"({"name":"X","deployment":"cloud"})");
  ASSERT_EQ(bad.result(), http::status::bad_request);
  EXPECT_NE(bad.body().find("deployment"), std::string::npos);
}

TEST_F(AiApiTest, UsageOverAWindowWithPhiSentToAiServices) {
  auto ai = ai_governance::AiStore::open(dir_.path());
  ASSERT_TRUE(ai) << ai.error().describe();
  constexpr TimeNs kDec1 = 1'796'083'200'000'000'000;  // 2026-12-01T00:00:00Z
  ai_governance::UsageRows rows;
  rows[{"alice", "openai", "2026-12-01", ai_governance::UsageStatus::unknown}] =
      ai_governance::UsageRow{true, "ai", 7, kDec1, kDec1 + kNsPerSecond, {"chat.openai.com"}};
  ASSERT_TRUE(ai->record_usage("/logs/access.log", rows));
  store::AlertRecord alert;  // as `ward serve --icap` keeps it (dlp/phi_alert.h)
  alert.rule_id = "ward-dlp-phi-to-ai-service";
  alert.rule_title = "PHI sent to an AI service (blocked)";
  alert.level = "medium";
  alert.event_time = alert.detected = kDec1 + 60 * kNsPerSecond;
  alert.user_id = "alice";
  alert.matched = R"({"destination":"chat.openai.com","service":"openai","phi":{"ssn":1,"name":2},"action":"blocked"})";
  ASSERT_TRUE(store_->add_alerts({alert}));

  auto r = get("/api/v1/ai/usage?from=2026-12-01&to=2026-12-01", "security_analyst");
  ASSERT_EQ(r.result(), http::status::ok) << r.body();
  const json report = json::parse(r.body());
  EXPECT_EQ(report["window"]["to"], "2026-12-01");
  ASSERT_EQ(report["services"].size(), 1u);
  EXPECT_EQ(report["services"][0]["service"], "openai");
  EXPECT_EQ(report["services"][0]["requests"], 7);
  EXPECT_EQ(report["services"][0]["phi_requests"], 1);
  EXPECT_EQ(report["services"][0]["flagged"], true) << "no system in the registry covers it";
  ASSERT_EQ(report["phi_to_ai"].size(), 1u);
  EXPECT_EQ(report["phi_to_ai"][0]["who"], "alice");
  EXPECT_EQ(report["phi_to_ai"][0]["phi"]["name"], 2);
  EXPECT_EQ(json::parse(get("/api/v1/ai/usage?from=2026-11-01&to=2026-11-30").body())["services"].size(), 0u);
  auto bad = get("/api/v1/ai/usage?from=yesterday");
  ASSERT_EQ(bad.result(), http::status::bad_request) << bad.body();
  EXPECT_NE(bad.body().find("from"), std::string::npos);
  EXPECT_EQ(get("/api/v1/ai/usage", "executive").result(), http::status::forbidden);
  auto trail = store_->audit_trail({});
  ASSERT_TRUE(trail);
  EXPECT_TRUE(std::any_of(trail->records.begin(), trail->records.end(),
                          [](const store::AuditRecord& r) { return r.entry.route == "/api/v1/ai/usage" && r.entry.status == 200; }))
      << "the view is in the audit trail";
}

}  // namespace
}  // namespace ward::api

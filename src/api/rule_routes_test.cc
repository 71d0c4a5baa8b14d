// The rule store and the alert workflow over the API, on a real store: what an analyst's or an
// admin's client sees, what an auditor's token is refused, and what the audit trail keeps.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "rules/test_rules.h"

namespace ward::api {
namespace {

using nlohmann::json;

constexpr std::string_view kRules = rules::testing::kDeniedAndBurst;

class RuleApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(open_api({"analyst", "auditor"})); }

  // `role` nullptr: no token.
  Response send(http::verb verb, std::string target, std::string body = "",
                std::string content_type = "application/yaml", const char* role = "analyst") {
    const std::string_view type = body.empty() ? std::string_view() : std::string_view(content_type);
    return request(verb, std::move(target), std::move(body), type, role != nullptr ? token_of(role) : "");
  }
  Response get(std::string target) { return send(http::verb::get, std::move(target)); }
};

TEST_F(RuleApiTest, UploadStoresEachDocumentAndSaysWhatItDid) {
  auto res = send(http::verb::post, "/api/v1/rules", std::string(kRules));
  ASSERT_EQ(res.result(), http::status::created) << res.body();
  json body = json::parse(res.body());
  EXPECT_EQ(body["added"], json({"031caf20-46f0-40da-af7d-5cb50a2e9316", "1526ca8c-373d-41f4-abe4-96721ec937f5"}));
  EXPECT_EQ(body["rules"][1]["kind"], "correlation");

  auto again = send(http::verb::post, "/api/v1/rules", std::string(kRules), "text/plain; charset=utf-8");
  ASSERT_EQ(again.result(), http::status::ok) << again.body();
  EXPECT_EQ(json::parse(again.body())["unchanged"].size(), 2u);

  json list = json::parse(get("/api/v1/rules?category=ehr_access").body());
  ASSERT_EQ(list["rules"].size(), 1u);
  EXPECT_EQ(list["rules"][0]["title"], "EHR Access Denied");
  EXPECT_EQ(list["rules"][0]["added_by"], "token:1 (analyst's laptop)");
  EXPECT_FALSE(list["rules"][0].contains("yaml"));
  auto one = get("/api/v1/rules/1526ca8c-373d-41f4-abe4-96721ec937f5");
  ASSERT_EQ(one.result(), http::status::ok) << one.body();
  const std::string yaml = json::parse(one.body())["yaml"];
  EXPECT_EQ(yaml, std::string(kRules.substr(kRules.find("---\n") + 4)));
  EXPECT_EQ(get("/api/v1/rules/nope").result(), http::status::not_found);
  EXPECT_EQ(get("/api/v1/rules?level=urgent").result(), http::status::bad_request);
}

TEST_F(RuleApiTest, AnInvalidUploadIsRefusedWithTheDocumentAndFieldNamedAndNothingStored) {
  const std::string upload = std::string(kRules) +
                             "---\ntitle: Lookbehind\nlogsource: {product: linux}\ndetection:\n"
                             "    selection:\n        message|re: '(?<=user )root'\n    condition: selection\n";
  auto res = send(http::verb::post, "/api/v1/rules", upload);
  ASSERT_EQ(res.result(), http::status::unprocessable_entity) << res.body();
  json error = json::parse(res.body())["error"];
  EXPECT_EQ(error["message"], "1 problem in the upload; nothing was stored");
  ASSERT_EQ(error["problems"].size(), 1u);
  EXPECT_EQ(error["problems"][0]["document"], 3);
  EXPECT_EQ(error["problems"][0]["rule"], "Lookbehind");
  EXPECT_EQ(error["problems"][0]["field"], "detection.selection.message");
  EXPECT_EQ(json::parse(get("/api/v1/rules").body())["rules"].size(), 0u);

  EXPECT_EQ(send(http::verb::post, "/api/v1/rules", "{}", "application/json").result(),
            http::status::unsupported_media_type);
}

TEST_F(RuleApiTest, AnAuditorMayReadButNotChangeRulesAndNoTokenIsRefused) {
  ASSERT_EQ(send(http::verb::post, "/api/v1/rules", std::string(kRules)).result(), http::status::created);
  auto refused = send(http::verb::post, "/api/v1/rules", std::string(kRules), "application/yaml", "auditor");
  EXPECT_EQ(refused.result(), http::status::forbidden);
  EXPECT_EQ(json::parse(refused.body())["error"]["message"],
            "the role compliance may not use POST /api/v1/rules");
  const std::string target = "/api/v1/rules/031caf20-46f0-40da-af7d-5cb50a2e9316";
  EXPECT_EQ(send(http::verb::patch, target, R"({"enabled":false})", "application/json", "auditor").result(),
            http::status::forbidden);
  EXPECT_EQ(send(http::verb::delete_, target, "", "", "auditor").result(), http::status::forbidden);
  EXPECT_EQ(send(http::verb::get, target, "", "", "auditor").result(), http::status::ok);
  EXPECT_EQ(send(http::verb::post, "/api/v1/rules", std::string(kRules), "application/yaml", nullptr).result(),
            http::status::unauthorized);
}

TEST_F(RuleApiTest, DisablingAndDeletingARuleAreAuditedUnderTheRule) {
  ASSERT_EQ(send(http::verb::post, "/api/v1/rules", std::string(kRules)).result(), http::status::created);
  const std::string id = "031caf20-46f0-40da-af7d-5cb50a2e9316";
  auto off = send(http::verb::patch, "/api/v1/rules/" + id, R"({"enabled":false})", "application/json");
  ASSERT_EQ(off.result(), http::status::ok) << off.body();
  EXPECT_EQ(json::parse(off.body())["enabled"], false);
  EXPECT_EQ(json::parse(get("/api/v1/rules?enabled=false").body())["rules"].size(), 1u);
  auto texts = store_->enabled_rule_texts();
  ASSERT_TRUE(texts);
  EXPECT_EQ(texts->size(), 1u);
  EXPECT_EQ(send(http::verb::patch, "/api/v1/rules/" + id, R"({"enabled":"no"})", "application/json").result(),
            http::status::bad_request);

  ASSERT_EQ(send(http::verb::delete_, "/api/v1/rules/" + id).result(), http::status::ok);
  EXPECT_EQ(get("/api/v1/rules/" + id).result(), http::status::not_found);
  EXPECT_EQ(send(http::verb::delete_, "/api/v1/rules/" + id).result(), http::status::not_found);

  auto trail = store_->api_requests_about("rule:" + id, 10);
  ASSERT_TRUE(trail);
  std::vector<std::pair<std::string, int>> seen;
  for (const auto& e : *trail) seen.emplace_back(e.method, e.status);
  // Newest first: the second delete (404), the read (404), the delete, the bad patch, the patch.
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, int>>{
                      {"DELETE", 404}, {"GET", 404}, {"DELETE", 200}, {"PATCH", 400}, {"PATCH", 200}}));
}

TEST_F(RuleApiTest, AnAlertIsAcknowledgedThenClosedWithAResolutionAndItsHistoryIsKept) {
  store::AlertRecord a;
  a.rule_id = "r1";
  a.rule_title = "SSH login failure";
  a.level = "high";
  a.event_time = a.detected = *parse_iso8601("2026-11-30T10:00:00Z");
  a.source = "syslog:tcp";
  a.event_ref = "msg 1";
  ASSERT_TRUE(store_->add_alerts({a}));
  const std::int64_t id = store_->alerts({})->front().id;
  const std::string target = "/api/v1/alerts/" + std::to_string(id);

  auto ack = send(http::verb::patch, target, R"({"status":"acknowledged","comment":"on it"})", "application/json");
  ASSERT_EQ(ack.result(), http::status::ok) << ack.body();
  EXPECT_EQ(json::parse(ack.body())["status"], "acknowledged");
  auto no_resolution = send(http::verb::patch, target, R"({"status":"closed"})", "application/json");
  EXPECT_EQ(no_resolution.result(), http::status::bad_request);
  EXPECT_EQ(json::parse(no_resolution.body())["error"]["message"],
            "resolution: closing needs true_positive, false_positive or benign");
  auto closed = send(http::verb::patch, target,
                     R"({"status":"closed","resolution":"false_positive","comment":"test account"})",
                     "application/json");
  ASSERT_EQ(closed.result(), http::status::ok) << closed.body();
  EXPECT_EQ(json::parse(get(target).body())["resolution"], "false_positive");
  EXPECT_EQ(send(http::verb::patch, target, R"({"status":"acknowledged"})", "application/json").result(),
            http::status::bad_request);
  EXPECT_EQ(send(http::verb::patch, target, R"({"status":"acknowledged"})", "application/json", "auditor").result(),
            http::status::forbidden);

  auto history = get(target + "/history");
  ASSERT_EQ(history.result(), http::status::ok) << history.body();
  json h = json::parse(history.body());
  EXPECT_EQ(h["status"], "closed");
  ASSERT_EQ(h["history"].size(), 2u);
  EXPECT_EQ(h["history"][0]["from"], "open");
  EXPECT_EQ(h["history"][0]["to"], "acknowledged");
  EXPECT_EQ(h["history"][0]["comment"], "on it");
  EXPECT_EQ(h["history"][0]["actor"], "token:1 (analyst's laptop)");
  EXPECT_EQ(h["history"][1]["resolution"], "false_positive");
  EXPECT_EQ(get("/api/v1/alerts/999/history").result(), http::status::not_found);

  auto trail = store_->api_requests_about("alert:" + std::to_string(id), 20);
  ASSERT_TRUE(trail);
  std::size_t patches = 0;
  for (const auto& e : *trail) patches += e.method == "PATCH" && e.route == "/api/v1/alerts/{alert}";
  EXPECT_EQ(patches, 5u) << "every change asked for is in the audit trail, refused ones too";
}

}  // namespace
}  // namespace ward::api

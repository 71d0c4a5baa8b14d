// The AI governance API on a real store: compliance registers a system and walks it through
// reviews, evidence and approval; an approval with something missing is a 409 saying what; the
// security analyst reads, the executive gets the summary and the transparency listing only;
// every change is in the audit trail under "system:<id>".
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
  auto approved = post("/api/v1/ai/systems/sepsis-watch/decisions",
                       R"({"decision":"approve","reason":"validated locally","conditions":"nurse confirms","next_review":"2027-06-01"})");
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
  EXPECT_EQ(posts, 14u) << "every change asked for is in the audit trail, refused ones too";
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

}  // namespace
}  // namespace ward::api

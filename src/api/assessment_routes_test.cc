// Control assessments over the API as each role sees them: compliance starts one and rates
// controls, the executive reads the posture but not the detail, the analyst nothing; bad
// input is refused naming the field, with nothing saved; Ward's vendor data shows as evidence.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class AssessmentApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(open_api({"compliance", "executive", "security_analyst"})); }
  Response as(std::string_view role, http::verb verb, const std::string& target, const json& body = nullptr) {
    return request(verb, target, body.is_null() ? "" : body.dump(), body.is_null() ? "" : "application/json", token_of(role));
  }
  static json body_of(const Response& r) { return json::parse(r.body(), nullptr, false); }
};

TEST_F(AssessmentApiTest, ComplianceRatesExecutiveReadsThePosture) {
  ASSERT_EQ(as("compliance", http::verb::post, "/api/v1/program/vendors",
               {{"name", "Dictation Ltd"}, {"business_associate", true}, {"baa_status", "none"}})
                .result(),
            http::status::created);
  auto started = as("compliance", http::verb::post, "/api/v1/program/assessments", {{"name", "FY27"}});
  ASSERT_EQ(started.result(), http::status::created) << started.body();
  EXPECT_EQ(body_of(started)["catalog"], "csf-2.0");
  const std::string id = std::to_string(body_of(started)["id"].get<int>());
  const std::string base = "/api/v1/program/assessments/" + id;
  auto rated = as("compliance", http::verb::put, base + "/controls/RC.RP-01", {{"status", "implemented"}, {"owner", "IT"}});
  ASSERT_EQ(rated.result(), http::status::ok) << rated.body();
  EXPECT_EQ(body_of(rated)["posture"][5]["id"], "RC");
  EXPECT_EQ(body_of(rated)["posture"][5]["score"], 0.125);  // 1 of RC's 8

  auto list = as("executive", http::verb::get, "/api/v1/program/assessments");
  ASSERT_EQ(list.result(), http::status::ok) << list.body();
  EXPECT_EQ(body_of(list)["assessments"][0]["name"], "FY27");
  EXPECT_EQ(body_of(list)["assessments"][0]["overall"]["implemented"], 1);
  EXPECT_EQ(as("executive", http::verb::get, base).result(), http::status::forbidden);
  EXPECT_EQ(as("executive", http::verb::put, base + "/controls/RC.RP-02", {{"status", "implemented"}}).result(),
            http::status::forbidden);
  EXPECT_EQ(as("security_analyst", http::verb::get, "/api/v1/program/assessments").result(), http::status::forbidden);

  auto detail = as("compliance", http::verb::get, base);
  ASSERT_EQ(detail.result(), http::status::ok);
  const json controls = body_of(detail)["controls"];  // a copy: a range-for over a temporary's member dangles
  for (const json& c : controls) {
    if (c["id"] == "RC.RP-01") {
      EXPECT_EQ(c["owner"], "IT");
    }
    if (c["id"] == "GV.SC-05") {
      ASSERT_EQ(c["ward_evidence"].size(), 1u);
      EXPECT_EQ(c["ward_evidence"][0]["count"], 1);
    }
  }
}

// The API starts assessments of Ward's own catalogues, the SP 800-53 baselines among them, and
// never reads a file on the server named by the caller.
TEST_F(AssessmentApiTest, StartsBuiltInBaselinesAndRefusesCatalogueFiles) {
  auto moderate = as("compliance", http::verb::post, "/api/v1/program/assessments", {{"catalog", "sp800-53-moderate"}, {"name", "FY27"}});
  ASSERT_EQ(moderate.result(), http::status::created) << moderate.body();
  EXPECT_EQ(body_of(moderate)["catalog"], "sp800-53-moderate");
  EXPECT_EQ(body_of(moderate)["overall"]["controls"], 287) << moderate.body();  // what the baseline selects: AC-2 beside AC-2(1)…
  auto file = as("compliance", http::verb::post, "/api/v1/program/assessments", {{"catalog", "/etc/ward/catalogue.json"}});
  ASSERT_EQ(file.result(), http::status::bad_request) << file.body();
  EXPECT_EQ(body_of(file)["error"]["field"], "catalog");
  EXPECT_NE(body_of(file)["error"]["message"].get<std::string>().find("sp800-53-moderate"), std::string::npos);
}

TEST_F(AssessmentApiTest, BadInputIsRefusedNamingTheField) {
  auto unknown = as("compliance", http::verb::post, "/api/v1/program/assessments", {{"catalog", "iso-27001"}});
  EXPECT_EQ(unknown.result(), http::status::bad_request);
  EXPECT_EQ(body_of(unknown)["error"]["field"], "catalog");
  auto started = as("compliance", http::verb::post, "/api/v1/program/assessments", {{"catalog", "hicp-405d"}});
  ASSERT_EQ(started.result(), http::status::created);
  const std::string base = "/api/v1/program/assessments/" + std::to_string(body_of(started)["id"].get<int>());
  auto field_of = [&](const std::string& control, const json& body) {
    return body_of(as("compliance", http::verb::put, base + "/controls/" + control, body))["error"]["field"];
  };
  EXPECT_EQ(field_of("hicp-01", {{"status", "done"}}), "status");
  EXPECT_EQ(field_of("hicp-99", {{"status", "implemented"}}), "control");
  EXPECT_EQ(field_of("hicp-01", {{"status", "implemented"}, {"target", "soon"}}), "target");
  EXPECT_EQ(as("compliance", http::verb::get, "/api/v1/program/assessments/999").result(), http::status::not_found);
  auto detail = body_of(as("compliance", http::verb::get, base));
  EXPECT_EQ(detail["overall"]["unrated"], 10);  // nothing saved
}

}  // namespace
}  // namespace ward::api

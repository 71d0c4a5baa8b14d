// The risk register and the board report over the API as each role sees them: compliance adds
// risks and treatments, the executive reads the list and the board report, the analyst nothing;
// bad input is refused naming the field, with nothing saved.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class RiskApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(open_api({"compliance", "executive", "security_analyst"})); }
  Response as(std::string_view role, http::verb verb, const std::string& target, const json& body = nullptr) {
    return request(verb, target, body.is_null() ? "" : body.dump(), body.is_null() ? "" : "application/json", token_of(role));
  }
  static json body_of(const Response& r) { return json::parse(r.body(), nullptr, false); }
};

TEST_F(RiskApiTest, ComplianceKeepsTheRegisterExecutiveReadsIt) {
  auto added = as("compliance", http::verb::post, "/api/v1/program/risks",
                  {{"title", "Clearinghouse outage"}, {"likelihood", 3}, {"impact", 4}, {"controls", {"csf-2.0:GV.SC-05"}}});
  ASSERT_EQ(added.result(), http::status::created) << added.body();
  EXPECT_EQ(body_of(added)["inherent_score"], 12);
  const std::string base = "/api/v1/program/risks/" + std::to_string(body_of(added)["id"].get<int>());
  auto treated = as("compliance", http::verb::post, base + "/treatments",
                    {{"kind", "transfer"}, {"cost", 4000}, {"residual_likelihood", 2}, {"residual_impact", 2}, {"status", "done"}});
  ASSERT_EQ(treated.result(), http::status::created) << treated.body();
  EXPECT_EQ(body_of(treated)["residual_score"], 4);
  EXPECT_EQ(body_of(treated)["treatments"][0]["risk_reduced"], 8);

  auto list = as("executive", http::verb::get, "/api/v1/program/risks");
  ASSERT_EQ(list.result(), http::status::ok);
  EXPECT_EQ(body_of(list)["risks"][0]["title"], "Clearinghouse outage");
  EXPECT_EQ(as("executive", http::verb::post, "/api/v1/program/risks", {{"title", "x"}}).result(), http::status::forbidden);
  EXPECT_EQ(as("executive", http::verb::get, base).result(), http::status::forbidden);  // the list, not the detail
  EXPECT_EQ(as("compliance", http::verb::get, base).result(), http::status::ok);
  EXPECT_EQ(as("security_analyst", http::verb::get, "/api/v1/program/risks").result(), http::status::forbidden);

  auto report = as("executive", http::verb::get, "/api/v1/program/board-report?quarter=2026Q4");
  ASSERT_EQ(report.result(), http::status::ok) << report.body();
  EXPECT_EQ(report[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(report.body().find("board report 2026Q4"), std::string::npos);
  EXPECT_NE(report.body().find("Clearinghouse outage"), std::string::npos);
  EXPECT_EQ(as("executive", http::verb::get, "/api/v1/program/board-report?quarter=Q9").result(), http::status::bad_request);
}

TEST_F(RiskApiTest, BadInputNamesTheFieldAndSavesNothing) {
  auto high = as("compliance", http::verb::post, "/api/v1/program/risks", {{"title", "x"}, {"likelihood", 7}, {"impact", 2}});
  EXPECT_EQ(high.result(), http::status::bad_request);
  EXPECT_EQ(body_of(high)["error"]["field"], "likelihood");
  auto control = as("compliance", http::verb::post, "/api/v1/program/risks",
                    {{"title", "x"}, {"likelihood", 2}, {"impact", 2}, {"controls", {"csf-2.0:NOPE-1"}}});
  EXPECT_EQ(control.result(), http::status::bad_request);
  EXPECT_EQ(body_of(control)["error"]["field"], "control");
  auto catalog = as("compliance", http::verb::post, "/api/v1/program/risks",
                    {{"title", "x"}, {"likelihood", 2}, {"impact", 2}, {"controls", {"nist-999:X"}}});
  EXPECT_EQ(body_of(catalog)["error"]["field"], "catalog");
  EXPECT_EQ(as("compliance", http::verb::post, "/api/v1/program/risks/99/treatments", {{"cost", 1}}).result(), http::status::not_found);
  EXPECT_TRUE(body_of(as("compliance", http::verb::get, "/api/v1/program/risks"))["risks"].empty());
}

}  // namespace
}  // namespace ward::api

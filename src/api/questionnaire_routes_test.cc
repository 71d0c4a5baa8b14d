// Vendor questionnaires over the API as compliance uses them: send Ward's template, answer, see
// the score and its effect on the vendor's risk; a bad custom template or answer is refused
// naming the question and field, with nothing saved; the executive and analyst are refused.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class QuestionnaireApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(open_api({"compliance", "executive", "security_analyst"})); }
  Response as(std::string_view role, http::verb verb, const std::string& target, const json& body = nullptr) {
    return request(verb, target, body.is_null() ? "" : body.dump(), body.is_null() ? "" : "application/json", token_of(role));
  }
  static json body_of(const Response& r) { return json::parse(r.body(), nullptr, false); }
};

TEST_F(QuestionnaireApiTest, ComplianceSendsAnswersAndTheVendorRiskCountsIt) {
  ASSERT_EQ(as("compliance", http::verb::post, "/api/v1/program/vendors", {{"name", "Cloud PACS"}, {"criticality", "high"}}).result(),
            http::status::created);
  auto tmpl = as("compliance", http::verb::get, "/api/v1/program/questionnaires/template");
  ASSERT_EQ(tmpl.result(), http::status::ok) << tmpl.body();
  const json questions = body_of(tmpl)["questions"];
  ASSERT_EQ(questions.size(), 20u);
  EXPECT_EQ(questions[0]["control"], "hph-cpg-essential-10");

  auto sent = as("compliance", http::verb::post, "/api/v1/program/vendors/Cloud%20PACS/questionnaires", json::object());
  ASSERT_EQ(sent.result(), http::status::created) << sent.body();
  EXPECT_EQ(body_of(sent)["vendor"], "Cloud PACS");
  EXPECT_EQ(body_of(sent)["result"]["complete"], false);
  const std::string base = "/api/v1/program/questionnaires/" + std::to_string(body_of(sent)["id"].get<int>());

  // One bad answer: none saved.
  auto bad = as("compliance", http::verb::put, base + "/answers",
                {{"answers", {{{"question", "mfa"}, {"answer", "yes"}}, {{"question", "mfa-remote"}, {"answer", "yes"}}}}});
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(body_of(bad)["error"]["field"], "answers[1].question");
  EXPECT_EQ(body_of(as("compliance", http::verb::get, base))["result"]["answered"], 0);

  // Every question "no" but one n.a.: complete and weak, +15 on the vendor's risk.
  json answers = json::array();
  for (const json& q : questions)
    answers.push_back({{"question", q["id"]}, {"answer", q["id"] == "device-support" ? "not_applicable" : "no"}});
  auto answered = as("compliance", http::verb::put, base + "/answers", {{"answers", answers}});
  ASSERT_EQ(answered.result(), http::status::ok) << answered.body();
  EXPECT_EQ(body_of(answered)["result"]["score"], 0);
  EXPECT_EQ(body_of(answered)["result"]["level"], "weak");
  EXPECT_EQ(body_of(answered)["result"]["complete"], true);
  auto vendor = body_of(as("compliance", http::verb::get, "/api/v1/program/vendors/Cloud%20PACS"));
  EXPECT_EQ(vendor["risk"]["score"], 20 + 10 + 15);
  EXPECT_EQ(vendor["risk"]["reasons"].back(), "+15 security questionnaire 1 (sent " + body_of(sent)["sent_on"].get<std::string>() +
                                                  ") scored 0/100, weak");
  auto listed = body_of(as("compliance", http::verb::get, "/api/v1/program/questionnaires?vendor=cloud%20pacs"));
  ASSERT_EQ(listed["questionnaires"].size(), 1u);
  EXPECT_FALSE(listed["questionnaires"][0].contains("questions"));

  EXPECT_EQ(as("executive", http::verb::get, "/api/v1/program/questionnaires").result(), http::status::forbidden);
  EXPECT_EQ(as("security_analyst", http::verb::put, base + "/answers", {{"answers", answers}}).result(), http::status::forbidden);
  EXPECT_EQ(as("compliance", http::verb::get, "/api/v1/program/questionnaires/99").result(), http::status::not_found);
}

TEST_F(QuestionnaireApiTest, ACustomTemplateIsCheckedNamingTheQuestionAndField) {
  ASSERT_EQ(as("compliance", http::verb::post, "/api/v1/program/vendors", {{"name", "Shred Co"}}).result(), http::status::created);
  const json custom = {{"name", "shredding"},
                       {"questions",
                        {{{"id", "bins"}, {"control", "hipaa-164.310-d-2-i"}, {"text", "Locked bins?"}},
                         {{"id", "certs"}, {"control", "hipaa-164.310-z"}, {"text", "Certificates of destruction?"}}}}};
  auto bad = as("compliance", http::verb::post, "/api/v1/program/vendors/Shred%20Co/questionnaires", {{"template", custom}});
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(body_of(bad)["error"]["field"], "template.questions[1] (certs).control");
  EXPECT_EQ(body_of(as("compliance", http::verb::get, "/api/v1/program/questionnaires"))["questionnaires"].size(), 0u);
  json fixed = custom;
  fixed["questions"][1]["control"] = "hipaa-164.310-d-2-i";
  auto sent = as("compliance", http::verb::post, "/api/v1/program/vendors/Shred%20Co/questionnaires", {{"template", fixed}});
  ASSERT_EQ(sent.result(), http::status::created) << sent.body();
  EXPECT_EQ(body_of(sent)["questions"].size(), 2u);
  EXPECT_EQ(as("compliance", http::verb::post, "/api/v1/program/vendors/Nobody/questionnaires", json::object()).result(),
            http::status::not_found);
}

}  // namespace
}  // namespace ward::api

// The security program's routes as clients see them: the public intake with its receipt, rate
// and size limits; incidents and breach assessments by role, bad input refused naming the field
// with nothing saved; deadlines for the executive; vendors without duplicates; the OCR export.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class ProgramApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_api({"compliance", "privacy_officer", "executive", "security_analyst"}));
  }
  Response intake(const std::string& target, const json& body, std::string_view address = "10.0.0.7") {
    Request req{http::verb::post, target, 11};
    req.set(http::field::content_type, "application/json");
    req.body() = body.dump();
    req.prepare_payload();
    return send(req, address);
  }
  Response as(std::string_view role, http::verb verb, const std::string& target, const json& body = nullptr) {
    return request(verb, target, body.is_null() ? "" : body.dump(), body.is_null() ? "" : "application/json", token_of(role));
  }
  static json body_of(const Response& r) { return json::parse(r.body(), nullptr, false); }
};

TEST_F(ProgramApiTest, AnyoneCanReportAndGetsOnlyAReceipt) {
  auto res = intake("/api/v1/program/intake",
                    {{"title", "Patient list on the printer"}, {"description", "Jane Roe's chart"}, {"anonymous", true},
                     {"name", "Sam"}});
  ASSERT_EQ(res.result(), http::status::created) << res.body();
  EXPECT_EQ(res.body().find("Jane Roe"), std::string::npos);  // nothing echoed
  EXPECT_EQ(res.body().find("printer"), std::string::npos);
  const std::string receipt = body_of(res)["receipt"];
  auto found = incidents_->find_by_receipt(receipt);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->reporter, "");  // anonymous: the name is dropped
  EXPECT_EQ((*found)->source, "intake");
  EXPECT_EQ(intake("/api/v1/program/intake/" + receipt, {{"text", "It was on floor 3"}}).result(), http::status::ok);
  EXPECT_EQ(incidents_->entries((*found)->id)->back().kind, "reporter_update");
  EXPECT_EQ(intake("/api/v1/program/intake/R-AAAAAAAAAAAA", {{"text", "x"}}).result(), http::status::not_found);
  auto bad = intake("/api/v1/program/intake", {{"description", "no title"}});
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(body_of(bad)["error"]["field"], "title");
}

TEST_F(ProgramApiTest, IntakeIsRateLimitedPerAddressAndSizeLimited) {
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(intake("/api/v1/program/intake", {{"title", "spam"}}, "10.0.0.9").result(), http::status::created) << i;
  auto limited = intake("/api/v1/program/intake", {{"title", "spam"}}, "10.0.0.9");
  EXPECT_EQ(limited.result(), http::status::too_many_requests);
  EXPECT_FALSE(limited[http::field::retry_after].empty());
  EXPECT_EQ(intake("/api/v1/program/intake", {{"title", "real"}}, "10.0.0.10").result(), http::status::created);
  EXPECT_EQ(intake("/api/v1/program/intake", {{"title", "big"}, {"description", std::string(17 * 1024, 'x')}}, "10.0.0.11")
                .result(),
            http::status::payload_too_large);
}

TEST_F(ProgramApiTest, AssessmentWithBadFactsNamesTheFieldAndSavesNothing) {
  auto created = as("compliance", http::verb::post, "/api/v1/program/incidents", {{"title", "Stolen laptop"}});
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  const std::string at = "/api/v1/program/incidents/" + std::to_string(body_of(created)["id"].get<int>());
  const json factors = {{"nature", {{"answer", "sensitive"}}}, {"recipient", {{"answer", "malicious"}}},
                        {"acquired", {{"answer", "unknown"}}}, {"mitigation", {{"answer", "none"}}}};
  json missing = factors;
  missing["individuals"] = 700;
  auto r = as("compliance", http::verb::put, at + "/assessment", missing);
  EXPECT_EQ(r.result(), http::status::bad_request);
  EXPECT_EQ(body_of(r)["error"]["field"], "discovered");
  json unknown_state = missing;
  unknown_state["discovered"] = "2026-01-01";
  unknown_state["residents"] = {{"XX", 5}};
  r = as("compliance", http::verb::put, at + "/assessment", unknown_state);
  EXPECT_EQ(r.result(), http::status::bad_request);
  EXPECT_EQ(body_of(r)["error"]["field"], "residents.XX");
  EXPECT_TRUE(body_of(as("compliance", http::verb::get, at))["assessment"].is_null());  // nothing saved
  auto wrong_order = as("compliance", http::verb::patch, at, {{"occurred_on", "2026-02-01"}, {"discovered_on", "2026-01-01"}});
  EXPECT_EQ(body_of(wrong_order)["error"]["field"], "discovered_on");

  json good = missing;
  good["discovered"] = "2026-11-20";
  good["residents"] = {{"CA", 650}};
  r = as("compliance", http::verb::put, at + "/assessment", good);
  ASSERT_EQ(r.result(), http::status::ok) << r.body();
  EXPECT_EQ(body_of(r)["assessment"]["outcome"], "presumed_breach");
  EXPECT_EQ(body_of(r)["deadlines"].size(), 3u);  // HHS, individuals, media:CA
  auto deadlines = as("executive", http::verb::get, "/api/v1/program/deadlines");
  ASSERT_EQ(deadlines.result(), http::status::ok);
  EXPECT_EQ(body_of(deadlines)["deadlines"][0]["due"], "2027-01-19");
  EXPECT_FALSE(body_of(deadlines)["deadlines"][0].contains("title"));
  auto summary = as("executive", http::verb::get, "/api/v1/program/summary");
  EXPECT_EQ(body_of(summary)["open_incidents"], 1);
  EXPECT_EQ(body_of(summary)["breach_deadlines"], 3);
  auto csv = as("privacy_officer", http::verb::get, "/api/v1/program/export/ocr?format=csv");
  EXPECT_EQ(csv[http::field::content_type], "text/csv; charset=utf-8");
  EXPECT_NE(csv.body().find("500 or More Individuals"), std::string::npos) << csv.body();
}

TEST_F(ProgramApiTest, RolesGetWhatThePolicySays) {
  EXPECT_EQ(as("executive", http::verb::get, "/api/v1/program/incidents").result(), http::status::forbidden);
  EXPECT_EQ(as("privacy_officer", http::verb::get, "/api/v1/program/incidents").result(), http::status::ok);
  EXPECT_EQ(as("privacy_officer", http::verb::post, "/api/v1/program/incidents", {{"title", "x"}}).result(),
            http::status::forbidden);
  EXPECT_EQ(as("security_analyst", http::verb::get, "/api/v1/program/vendors").result(), http::status::forbidden);
}

TEST_F(ProgramApiTest, DuplicateVendorsAreRefusedNamingTheField) {
  const json v = {{"name", "Change Healthcare"}, {"services", {"claims clearinghouse"}}, {"criticality", "critical"}};
  ASSERT_EQ(as("compliance", http::verb::post, "/api/v1/program/vendors", v).result(), http::status::created);
  auto again = as("compliance", http::verb::post, "/api/v1/program/vendors", {{"name", "CHANGE HEALTHCARE, INC."}});
  EXPECT_EQ(again.result(), http::status::bad_request);
  EXPECT_EQ(body_of(again)["error"]["field"], "name");
  auto list = body_of(as("compliance", http::verb::get, "/api/v1/program/vendors"));
  ASSERT_EQ(list["vendors"].size(), 1u);
  EXPECT_EQ(list["vendors"][0]["risk"]["level"], "moderate");
  auto conc = body_of(as("compliance", http::verb::get, "/api/v1/program/concentration"));
  EXPECT_EQ(conc["single_vendor_services"][0]["vendor"], "Change Healthcare");
  EXPECT_EQ(as("compliance", http::verb::get, "/api/v1/program/reminders?within=-1").result(), http::status::bad_request);
}

TEST_F(ProgramApiTest, VendorsAreEditedAndDeletedButNotFromUnderAService) {
  ASSERT_EQ(as("compliance", http::verb::post, "/api/v1/program/vendors",
               {{"name", "Change Healthcare"}, {"criticality", "critical"}, {"business_associate", true}})
                .result(),
            http::status::created);
  auto edited = as("compliance", http::verb::patch, "/api/v1/program/vendors/1",
                   {{"baa_status", "signed"}, {"baa_signed", "2024-01-15"}, {"baa_expires", "2099-01-01"}});
  ASSERT_EQ(edited.result(), http::status::ok) << edited.body();
  EXPECT_EQ(body_of(edited)["baa_status"], "signed");
  EXPECT_EQ(body_of(edited)["criticality"], "critical");  // kept
  EXPECT_EQ(body_of(edited)["risk"]["score"], 40);         // critical 30 + PHI 10; no "+25 PHI without a BAA" any more
  auto wrong = as("compliance", http::verb::patch, "/api/v1/program/vendors/1", {{"baa_expires", "2020-01-01"}});
  EXPECT_EQ(wrong.result(), http::status::bad_request);
  EXPECT_EQ(body_of(wrong)["error"]["field"], "baa_expires");
  EXPECT_EQ(as("compliance", http::verb::patch, "/api/v1/program/vendors/9", {{"notes", "x"}}).result(), http::status::not_found);
  EXPECT_EQ(as("security_analyst", http::verb::patch, "/api/v1/program/vendors/1", {{"notes", "x"}}).result(), http::status::forbidden);
  EXPECT_EQ(as("executive", http::verb::delete_, "/api/v1/program/vendors/1").result(), http::status::forbidden);

  ASSERT_EQ(as("compliance", http::verb::post, "/api/v1/program/services", {{"name", "Billing"}, {"rto", "2d"}, {"rpo", "1d"}, {"vendors", {1}}})
                .result(),
            http::status::created);
  auto refused = as("compliance", http::verb::delete_, "/api/v1/program/vendors/change%20healthcare");
  EXPECT_EQ(refused.result(), http::status::conflict) << refused.body();
  EXPECT_EQ(body_of(refused)["error"]["message"],
            "vendor 1 \"Change Healthcare\" is a dependency of 1 service (Billing): edit it first, or delete with "
            "?force=true to detach it and delete");
  EXPECT_EQ(body_of(refused)["error"]["services"], json({"Billing"}));  // what a form tells the user forcing detaches
  EXPECT_EQ(body_of(as("compliance", http::verb::get, "/api/v1/program/vendors"))["vendors"].size(), 1u);
  auto forced = as("compliance", http::verb::delete_, "/api/v1/program/vendors/1?force=true");
  ASSERT_EQ(forced.result(), http::status::ok) << forced.body();
  EXPECT_EQ(body_of(forced)["detached_from"], json({"Billing"}));
  EXPECT_EQ(body_of(as("compliance", http::verb::get, "/api/v1/program/vendors"))["vendors"].size(), 0u);
  EXPECT_EQ(body_of(as("compliance", http::verb::get, "/api/v1/program/services/Billing"))["vendors"].size(), 0u);
  EXPECT_EQ(as("compliance", http::verb::delete_, "/api/v1/program/vendors/1").result(), http::status::not_found);

  store::AuditQuery q;  // each change is in the audit trail under the vendor
  q.subject = "vendor:1";
  auto audit = store_->audit_trail(q);
  ASSERT_TRUE(audit) << audit.error().describe();
  std::vector<std::string> methods;
  for (const auto& r : audit->records) methods.push_back(r.entry.method);
  EXPECT_NE(std::find(methods.begin(), methods.end(), "PATCH"), methods.end());
  EXPECT_NE(std::find(methods.begin(), methods.end(), "DELETE"), methods.end());
}

TEST_F(ProgramApiTest, IncidentListShowsOwnerBreachAndNextDeadline) {
  auto created = as("compliance", http::verb::post, "/api/v1/program/incidents",
                    {{"title", "Stolen laptop"}, {"owner", "Dana Privacy"}, {"discovered_on", "2026-11-20"}});
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  EXPECT_EQ(body_of(created)["owner"], "Dana Privacy");
  ASSERT_EQ(as("compliance", http::verb::post, "/api/v1/program/incidents", {{"title", "Phishing email"}}).result(),
            http::status::created);
  auto triaged = as("compliance", http::verb::patch, "/api/v1/program/incidents/2", {{"owner", "Sam Security"}, {"severity", "low"}});
  ASSERT_EQ(triaged.result(), http::status::ok) << triaged.body();
  EXPECT_EQ(body_of(triaged)["owner"], "Sam Security");
  auto too_long = as("compliance", http::verb::patch, "/api/v1/program/incidents/2", {{"owner", std::string(201, 'x')}});
  EXPECT_EQ(body_of(too_long)["error"]["field"], "owner");
  const json breach = {{"discovered", "2026-11-20"}, {"individuals", 700}, {"residents", {{"CA", 650}}},
                       {"nature", {{"answer", "sensitive"}}}, {"recipient", {{"answer", "malicious"}}},
                       {"acquired", {{"answer", "unknown"}}}, {"mitigation", {{"answer", "none"}}}};
  ASSERT_EQ(as("compliance", http::verb::put, "/api/v1/program/incidents/1/assessment", breach).result(), http::status::ok);

  auto list = as("privacy_officer", http::verb::get, "/api/v1/program/incidents");
  ASSERT_EQ(list.result(), http::status::ok) << list.body();
  const json rows = body_of(list)["incidents"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["id"], 2);  // newest first
  EXPECT_TRUE(rows[0]["breach"].is_null());
  EXPECT_TRUE(rows[0]["next_deadline"].is_null());
  EXPECT_EQ(rows[0]["owner"], "Sam Security");
  EXPECT_EQ(rows[1]["breach"], "presumed_breach");
  EXPECT_EQ(rows[1]["next_deadline"]["due"], "2027-01-19");  // 60 days after discovery: individuals, HHS, media:CA
  EXPECT_EQ(rows[1]["next_deadline"]["days_left"],
            body_of(as("compliance", http::verb::get, "/api/v1/program/deadlines"))["deadlines"][0]["days_left"]);
  auto timeline = body_of(as("compliance", http::verb::get, "/api/v1/program/incidents/2"))["timeline"];
  EXPECT_EQ(timeline.back()["text"], "severity: \"\" → \"low\"; owner: \"\" → \"Sam Security\"");

  ASSERT_EQ(as("compliance", http::verb::patch, "/api/v1/program/incidents/1", {{"status", "closed"}}).result(), http::status::ok);
  EXPECT_TRUE(body_of(as("compliance", http::verb::get, "/api/v1/program/incidents"))["incidents"][1]["next_deadline"].is_null());
  EXPECT_EQ(body_of(as("compliance", http::verb::get, "/api/v1/program/incidents?status=open"))["incidents"].size(), 1u);
}

TEST_F(ProgramApiTest, OcrExportOfOneIncident) {
  for (const char* title : {"Stolen laptop", "Misdirected fax"})
    ASSERT_EQ(as("compliance", http::verb::post, "/api/v1/program/incidents", {{"title", title}}).result(), http::status::created);
  const json breach = {{"discovered", "2026-11-20"}, {"individuals", 12},
                       {"nature", {{"answer", "sensitive"}}}, {"recipient", {{"answer", "malicious"}}},
                       {"acquired", {{"answer", "unknown"}}}, {"mitigation", {{"answer", "none"}}}};
  for (int id : {1, 2})
    ASSERT_EQ(as("compliance", http::verb::put, "/api/v1/program/incidents/" + std::to_string(id) + "/assessment", breach).result(),
              http::status::ok);
  EXPECT_EQ(body_of(as("privacy_officer", http::verb::get, "/api/v1/program/export/ocr"))["reports"].size(), 2u);
  auto one = as("privacy_officer", http::verb::get, "/api/v1/program/export/ocr?incident=2&entity_name=General%20Hospital");
  ASSERT_EQ(one.result(), http::status::ok) << one.body();
  ASSERT_EQ(body_of(one)["reports"].size(), 1u);
  EXPECT_EQ(body_of(one)["reports"][0]["brief_description"].get<std::string>().find("Misdirected fax"), 0u) << one.body();
  auto bad = as("privacy_officer", http::verb::get, "/api/v1/program/export/ocr?incident=x");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(body_of(bad)["error"]["field"], "incident");
  EXPECT_EQ(as("privacy_officer", http::verb::get, "/api/v1/program/export/ocr?incident=9").result(), http::status::not_found);
}

TEST_F(ProgramApiTest, CertificationsCarryTheirDaysLeft) {
  auto added = as("compliance", http::verb::post, "/api/v1/program/vendors",
                  {{"name", "Cloud PACS"},
                   {"certifications", {{{"name", "SOC 2 Type II"}, {"expires", "2000-01-01"}},
                                       {{"name", "HITRUST r2"}, {"expires", "2999-01-01"}}}}});
  ASSERT_EQ(added.result(), http::status::created) << added.body();
  const json certs = body_of(added)["certifications"];
  ASSERT_EQ(certs.size(), 2u);
  EXPECT_LT(certs[0]["days_left"].get<int>(), 0);  // expired
  EXPECT_GT(certs[1]["days_left"].get<int>(), 0);
  auto wrong = as("compliance", http::verb::patch, "/api/v1/program/vendors/1",
                  {{"certifications", {{{"name", "SOC 2 Type II"}, {"expires", "2026-02-30"}}}}});
  EXPECT_EQ(wrong.result(), http::status::bad_request);
  EXPECT_EQ(body_of(wrong)["error"]["field"], "certifications[0].expires");
  auto renewed = as("compliance", http::verb::patch, "/api/v1/program/vendors/1",
                    {{"certifications", {{{"name", "SOC 2 Type II"}, {"expires", "2999-06-30"}}}}});
  ASSERT_EQ(renewed.result(), http::status::ok) << renewed.body();
  EXPECT_EQ(body_of(renewed)["certifications"].size(), 1u);
  EXPECT_EQ(body_of(renewed)["certifications"][0]["expires"], "2999-06-30");
}

}  // namespace
}  // namespace ward::api

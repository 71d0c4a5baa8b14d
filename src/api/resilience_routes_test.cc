// The resilience routes as clients see them: a service added and refused naming the field with
// nothing saved, backups and exercises, the report for the executive, the analyst kept to reading.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class ResilienceApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(open_api({"compliance", "executive", "security_analyst"})); }
  Response as(std::string_view role, http::verb verb, const std::string& target, const json& body = nullptr) {
    return request(verb, target, body.is_null() ? "" : body.dump(), body.is_null() ? "" : "application/json", token_of(role));
  }
  static json body_of(const Response& r) { return json::parse(r.body(), nullptr, false); }
};

TEST_F(ResilienceApiTest, AddsRefusesAndReports) {
  auto bad = as("compliance", http::verb::post, "/api/v1/program/services", {{"name", "EHR"}, {"rto", "abc"}, {"rpo", "1h"}});
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(body_of(bad)["error"]["field"], "rto");
  auto vendor = as("compliance", http::verb::post, "/api/v1/program/services",
                   {{"name", "EHR"}, {"rto", "4h"}, {"rpo", "1h"}, {"vendors", {3}}});
  EXPECT_EQ(body_of(vendor)["error"]["field"], "vendors[0]");
  EXPECT_EQ(body_of(as("compliance", http::verb::get, "/api/v1/program/services"))["services"].size(), 0u);

  auto added = as("compliance", http::verb::post, "/api/v1/program/services", {{"name", "EHR"}, {"tier", 1}, {"rto", "4h"}, {"rpo", "1h"}});
  ASSERT_EQ(added.result(), http::status::created) << added.body();
  EXPECT_EQ(body_of(added)["rto_minutes"], 240);
  EXPECT_EQ(as("security_analyst", http::verb::post, "/api/v1/program/services", {{"name", "PACS"}, {"rto", "4h"}, {"rpo", "1h"}}).result(),
            http::status::forbidden);
  auto backup = as("compliance", http::verb::post, "/api/v1/program/backups",
                   {{"service", "EHR"}, {"what", "database"}, {"frequency", "1d"}});
  ASSERT_EQ(backup.result(), http::status::created) << backup.body();
  auto exercise = as("compliance", http::verb::post, "/api/v1/program/exercises",
                     {{"kind", "failover"}, {"date", "2026-01-01"}, {"services", {1}},
                      {"actions", {{{"text", "fix DNS failover"}, {"owner", "IT"}, {"due", "2026-02-01"}}}}});
  ASSERT_EQ(exercise.result(), http::status::created) << exercise.body();
  EXPECT_EQ(as("compliance", http::verb::patch, "/api/v1/program/exercises/1/actions/7", {{"status", "done"}}).result(),
            http::status::not_found);

  auto shown = as("security_analyst", http::verb::get, "/api/v1/program/services/ehr");
  ASSERT_EQ(shown.result(), http::status::ok) << shown.body();
  EXPECT_EQ(body_of(shown)["backups"].size(), 1u);
  EXPECT_EQ(as("security_analyst", http::verb::get, "/api/v1/program/services/PACS").result(), http::status::not_found);

  auto report = as("executive", http::verb::get, "/api/v1/program/resilience");
  ASSERT_EQ(report.result(), http::status::ok) << report.body();
  const json r = body_of(report);
  EXPECT_EQ(r["counts"]["overdue_actions"], 1);
  std::vector<std::string> kinds;
  for (const json& f : r["findings"]) kinds.push_back(f["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"procedure_missing", "restore_test_never", "backup_interval_over_rpo", "no_isolated_copy"}));
  EXPECT_EQ(as("executive", http::verb::get, "/api/v1/program/services").result(), http::status::forbidden);
  EXPECT_EQ(as("executive", http::verb::get, "/api/v1/program/resilience?restore_test_days=0").result(), http::status::bad_request);
}

TEST_F(ResilienceApiTest, ServicesAreEditedWithTheChecksOfAnAdd) {
  ASSERT_EQ(as("compliance", http::verb::post, "/api/v1/program/services", {{"name", "EHR"}, {"tier", 2}, {"rto", "4h"}, {"rpo", "1h"}}).result(),
            http::status::created);
  auto edited = as("compliance", http::verb::patch, "/api/v1/program/services/ehr",
                   {{"tier", 1}, {"rpo", "15m"}, {"owner", "CMIO"}, {"downtime_procedure", "paper charts"},
                    {"procedure_reviewed", "2026-06-01"}});
  ASSERT_EQ(edited.result(), http::status::ok) << edited.body();
  EXPECT_EQ(body_of(edited)["tier"], 1);
  EXPECT_EQ(body_of(edited)["rto"], "4h");  // kept
  EXPECT_EQ(body_of(edited)["rpo_minutes"], 15);
  auto bad = as("compliance", http::verb::patch, "/api/v1/program/services/1", {{"depends_on", {"PACS"}}});
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(body_of(bad)["error"]["field"], "depends_on[0]");
  EXPECT_EQ(as("compliance", http::verb::patch, "/api/v1/program/services/PACS", {{"tier", 1}}).result(), http::status::not_found);
  EXPECT_EQ(as("security_analyst", http::verb::patch, "/api/v1/program/services/1", {{"tier", 4}}).result(), http::status::forbidden);
  EXPECT_EQ(body_of(as("security_analyst", http::verb::get, "/api/v1/program/services/1"))["owner"], "CMIO");
}

}  // namespace
}  // namespace ward::api

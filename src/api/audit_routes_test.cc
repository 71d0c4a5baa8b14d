// GET /api/v1/audit and /api/v1/audit/verify over a real store: what the admin audit-log viewer
// sees — the trail newest first with filters and paging, as JSON or FHIR, and the chain's check.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "store/sqlite_db.h"

namespace ward::api {
namespace {

using nlohmann::json;

class AuditApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_api({"admin", "auditor", "analyst"}));
    // Requests the trail then holds: three by the analyst (token 3), from 10.1.2.3.
    for (const char* target : {"/api/v1/patients/MRN1/accesses", "/api/v1/stats", "/api/v1/users/E7/accesses"})
      get(target, "analyst", "10.1.2.3");
  }

  Response get(std::string target, std::string_view role = "admin", std::string_view client = "127.0.0.1") {
    Request req{http::verb::get, target, 11};
    req.set(http::field::authorization, "Bearer " + token_of(role));
    return handle_request(router_, *store_, req, Connection{std::string(client), false});
  }
};

TEST_F(AuditApiTest, TheTrailIsNewestFirstWithWhoFromWhereAndTheChain) {
  auto res = get("/api/v1/audit");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  json body = json::parse(res.body());
  ASSERT_EQ(body["count"], 3);
  const json& newest = body["entries"][0];
  EXPECT_EQ(newest["seq"], 3);
  EXPECT_EQ(newest["route"], "/api/v1/users/{id}/accesses");
  EXPECT_EQ(newest["subject"], "E7");
  EXPECT_EQ(newest["action"], "R");
  EXPECT_EQ(newest["client_address"], "10.1.2.3");
  EXPECT_EQ(newest["actor"], "token:3");
  EXPECT_EQ(newest["prev_hash"], body["entries"][1]["hash"]);
  EXPECT_TRUE(body["next_cursor"].is_null());
  // Reading the trail is in the trail too.
  json again = json::parse(get("/api/v1/audit?limit=1").body());
  EXPECT_EQ(again["entries"][0]["route"], "/api/v1/audit");
}

TEST_F(AuditApiTest, FiltersAndPagesOnTheServer) {
  json mrn = json::parse(get("/api/v1/audit?subject=MRN1").body());
  ASSERT_EQ(mrn["count"], 1);
  EXPECT_EQ(mrn["entries"][0]["route"], "/api/v1/patients/{id}/accesses");
  json analyst = json::parse(get("/api/v1/audit?actor=token:3").body());
  EXPECT_EQ(analyst["count"], 3);
  json none = json::parse(get("/api/v1/audit?to=2000-01-01T00:00:00Z").body());
  EXPECT_EQ(none["count"], 0);

  std::vector<std::int64_t> seqs;
  std::string target = "/api/v1/audit?actor=token:3&limit=2";
  for (int guard = 0; guard < 5; ++guard) {
    json page = json::parse(get(target).body());
    for (const auto& e : page["entries"]) seqs.push_back(e["seq"]);
    if (page["next_cursor"].is_null()) break;
    target = "/api/v1/audit?actor=token:3&limit=2&cursor=" + page["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_EQ(get("/api/v1/audit?cursor=abc").result(), http::status::bad_request);
  EXPECT_EQ(get("/api/v1/audit?from=yesterday").result(), http::status::bad_request);
  EXPECT_EQ(get("/api/v1/audit?format=xml").result(), http::status::bad_request);
}

TEST_F(AuditApiTest, OnlyAdminsAndComplianceMayReadIt) {
  EXPECT_EQ(get("/api/v1/audit", "analyst").result(), http::status::forbidden);
  EXPECT_EQ(get("/api/v1/audit/verify", "analyst").result(), http::status::forbidden);
  EXPECT_EQ(get("/api/v1/audit", "auditor").result(), http::status::ok);
  Request anonymous{http::verb::get, "/api/v1/audit", 11};
  EXPECT_EQ(handle_request(router_, *store_, anonymous).result(), http::status::unauthorized);
}

TEST_F(AuditApiTest, FhirBundleAndNdjsonHoldAuditEvents) {
  auto res = get("/api/v1/audit?format=fhir&actor=token:3&limit=2");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(res[http::field::content_type], "application/fhir+json");
  json bundle = json::parse(res.body());
  EXPECT_EQ(bundle["resourceType"], "Bundle");
  EXPECT_EQ(bundle["type"], "searchset");
  ASSERT_EQ(bundle["entry"].size(), 2u);
  const json& ae = bundle["entry"][1]["resource"];
  EXPECT_EQ(ae["resourceType"], "AuditEvent");
  EXPECT_EQ(ae["id"], "ward-audit-2");
  EXPECT_EQ(ae["agent"][0]["who"]["identifier"]["value"], "token:3");
  EXPECT_EQ(ae["agent"][0]["network"]["address"], "10.1.2.3");
  ASSERT_EQ(bundle["link"].size(), 2u);
  EXPECT_EQ(bundle["link"][1]["relation"], "next");
  EXPECT_EQ(bundle["link"][1]["url"], "/api/v1/audit?format=fhir&actor=token:3&limit=2&cursor=2");

  auto nd = get("/api/v1/audit?format=ndjson&subject=MRN1");
  ASSERT_EQ(nd.result(), http::status::ok);
  EXPECT_EQ(nd[http::field::content_type], "application/fhir+ndjson");
  json line = json::parse(nd.body().substr(0, nd.body().find('\n')));
  EXPECT_EQ(line["entity"][0]["what"]["identifier"]["value"], "MRN1");
  EXPECT_EQ(line["entity"][0]["role"]["code"], "1");
}

TEST_F(AuditApiTest, VerifySaysOkWithTheHeadOrTheFirstBreak) {
  json ok = json::parse(get("/api/v1/audit/verify").body());
  EXPECT_EQ(ok["ok"], true);
  EXPECT_EQ(ok["entries"], 3);
  EXPECT_EQ(ok["head"]["seq"], 3);
  EXPECT_TRUE(ok["broken"].is_null());
  const std::string anchor = "2:" + json::parse(get("/api/v1/audit?limit=1&cursor=3").body())["entries"][0]["hash"].get<std::string>();
  EXPECT_EQ(json::parse(get("/api/v1/audit/verify?anchor=" + anchor).body())["ok"], true);
  EXPECT_EQ(get("/api/v1/audit/verify?anchor=2:abc").result(), http::status::bad_request);

  auto db = store::Db::open(dir_.path() / "ward.db");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("UPDATE api_audit SET client_address = '10.9.9.9' WHERE seq = 2"));
  json broken = json::parse(get("/api/v1/audit/verify").body());
  EXPECT_EQ(broken["ok"], false);
  EXPECT_EQ(broken["entries"], 1);
  EXPECT_EQ(broken["broken"]["kind"], "edited");
  EXPECT_EQ(broken["broken"]["seq"], 2);
}

}  // namespace
}  // namespace ward::api

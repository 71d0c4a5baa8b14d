// The device routes over a real store: the inventory with open findings counted by SSVC outcome,
// one device's findings, the ranked worklist, and a finding's remediation state changed through
// PATCH (evidence required); who may do what.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "devices/device_store.h"
#include "devices/remediation_store.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::devices;

TrackedFinding tracked(const std::string& device, const std::string& advisory, const std::string& cve, const std::string& outcome) {
  TrackedFinding f;
  f.device_id = device;
  f.advisory_id = advisory;
  f.cve = cve;
  f.product = "Alaris 8015 PC unit: <= 9.33";
  f.version = "9.7";
  f.matched_by = "vendor+product+version";
  f.confidence = 0.9;
  f.cvss_base = 7.5;
  f.advisory_revision = "1";
  f.ssvc_deployer = outcome;
  f.ssvc_cisa = "attend";
  f.ssvc_inputs = R"([{"decision_point":"Exploitation","value":"none","reason":"not in CISA KEV","assumed":false}])";
  f.outcome_since = today(now_ns());
  return f;
}

class DeviceApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ApiOptions options = testing::test_api_options();
    options.data_dir = dir_.path();
    ASSERT_NO_FATAL_FAILURE(open_api({"analyst", "executive", "privacy_officer", "auditor"}, options));
    auto devices = DeviceStore::open(dir_.path());
    ASSERT_TRUE(devices) << devices.error().describe();
    Device pump{"PUMP-1", "BD", "Alaris 8015 PC unit", "9.7"};
    pump.department = "Oncology";
    pump.patient_connected = true;
    Device ct{"CT-1", "GE Healthcare", "Optima CT660", "1.0"};
    ct.department = "Radiology";
    ASSERT_TRUE(devices->upsert_devices({pump, ct}));
    auto remediation = RemediationStore::open(dir_.path());
    ASSERT_TRUE(remediation);
    ASSERT_TRUE(remediation->record_match({tracked("PUMP-1", "ICSMA-A", "CVE-1", "out-of-cycle"),
                                           tracked("PUMP-1", "ICSMA-A", "CVE-2", "out-of-cycle"),
                                           tracked("CT-1", "ICSMA-B", "CVE-3", "immediate")},
                                          now_ns()));
  }

  Response call(http::verb verb, const std::string& target, const std::string& role, std::string body = {}) {
    return request(verb, target, std::move(body), body.empty() ? "" : "application/json", token_of(role));
  }
};

TEST_F(DeviceApiTest, ListsDevicesWithOpenFindingsByOutcome) {
  auto res = call(http::verb::get, "/api/v1/devices", "auditor");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  json body = json::parse(res.body());
  ASSERT_EQ(body["devices"].size(), 2u);
  EXPECT_EQ(body["ssvc_tree"], "deployer");
  EXPECT_EQ(body["devices"][0]["device_id"], "CT-1");
  EXPECT_EQ(body["devices"][0]["open_findings"]["immediate"], 1);
  EXPECT_EQ(body["devices"][1]["open_findings"]["out-of-cycle"], 2);
  EXPECT_EQ(body["devices"][1]["patient_connected"], true);
  EXPECT_TRUE(body["devices"][0]["patient_connected"].is_null());
  json oncology = json::parse(call(http::verb::get, "/api/v1/devices?department=oncology", "analyst").body());
  ASSERT_EQ(oncology["devices"].size(), 1u);
}

TEST_F(DeviceApiTest, OneDeviceWithItsFindingsAndReasons) {
  auto res = call(http::verb::get, "/api/v1/devices/PUMP-1", "auditor");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  json body = json::parse(res.body());
  EXPECT_EQ(body["model"], "Alaris 8015 PC unit");
  ASSERT_EQ(body["findings"].size(), 2u);
  EXPECT_EQ(body["findings"][0]["ssvc"], "out-of-cycle");
  EXPECT_EQ(body["findings"][0]["ssvc_inputs"][0]["reason"], "not in CISA KEV");
  EXPECT_FALSE(body["findings"][0]["due"].is_null());
  EXPECT_EQ(call(http::verb::get, "/api/v1/devices/NOPE", "analyst").result(), http::status::not_found);
}

TEST_F(DeviceApiTest, TheWorklistIsRankedAndFiltered) {
  json body = json::parse(call(http::verb::get, "/api/v1/vulns/worklist", "analyst").body());
  ASSERT_EQ(body["items"].size(), 3u);
  EXPECT_EQ(body["items"][0]["device_id"], "CT-1");  // immediate before out-of-cycle
  EXPECT_EQ(body["items"][0]["rank"], 1);
  json radiology = json::parse(call(http::verb::get, "/api/v1/vulns/worklist?department=Radiology", "analyst").body());
  EXPECT_EQ(radiology["items"].size(), 1u);
  EXPECT_EQ(body["total"], 3);
  EXPECT_TRUE(body["next_offset"].is_null()) << "one page holds all three";
}

TEST_F(DeviceApiTest, TheWorklistComesInPagesThatKeepTheirRanks) {
  json first = json::parse(call(http::verb::get, "/api/v1/vulns/worklist?limit=2", "analyst").body());
  ASSERT_EQ(first["items"].size(), 2u);
  EXPECT_EQ(first["total"], 3);
  EXPECT_EQ(first["items"][0]["device_id"], "CT-1");
  ASSERT_EQ(first["next_offset"], 2);
  json second = json::parse(call(http::verb::get, "/api/v1/vulns/worklist?limit=2&offset=2", "analyst").body());
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["rank"], 3) << "the rank in the whole list, not on the page";
  EXPECT_TRUE(second["next_offset"].is_null());
  auto bad = call(http::verb::get, "/api/v1/vulns/worklist?limit=0", "analyst");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(json::parse(bad.body())["error"]["field"], "limit");
}

TEST_F(DeviceApiTest, PatchSetsTheStateWithEvidenceAndIsAudited) {
  auto missing = call(http::verb::patch, "/api/v1/devices/PUMP-1/findings/ICSMA-A", "analyst", R"({"state":"mitigated"})");
  EXPECT_EQ(missing.result(), http::status::bad_request);
  EXPECT_NE(missing.body().find("mitigated needs evidence"), std::string::npos) << missing.body();
  auto ok = call(http::verb::patch, "/api/v1/devices/PUMP-1/findings/ICSMA-A", "analyst",
                 R"({"state":"mitigated","evidence":"moved to VLAN 30, CHG-881","cve":"CVE-1"})");
  ASSERT_EQ(ok.result(), http::status::ok) << ok.body();
  json body = json::parse(ok.body());
  ASSERT_EQ(body["findings"].size(), 1u);
  EXPECT_EQ(body["findings"][0]["state"], "mitigated");
  json worklist = json::parse(call(http::verb::get, "/api/v1/vulns/worklist", "analyst").body());
  EXPECT_EQ(worklist["items"].size(), 2u);  // the mitigated finding left the worklist
  EXPECT_EQ(call(http::verb::patch, "/api/v1/devices/PUMP-1/findings/ICSMA-Z", "analyst", R"({"state":"patched","evidence":"x"})").result(),
            http::status::not_found);
  store::AuditQuery q;
  q.subject = "device:PUMP-1";
  auto audit = store_->audit_trail(q);
  ASSERT_TRUE(audit) << audit.error().describe();
  ASSERT_FALSE(audit->records.empty());
  EXPECT_EQ(audit->records[0].entry.method, "PATCH");
  EXPECT_EQ(audit->records[0].entry.route, "/api/v1/devices/{device}/findings/{finding}");
}

TEST_F(DeviceApiTest, RolesReadOrWriteAsThePolicySays) {
  EXPECT_EQ(call(http::verb::get, "/api/v1/devices", "privacy_officer").result(), http::status::forbidden);
  EXPECT_EQ(call(http::verb::patch, "/api/v1/devices/PUMP-1/findings/ICSMA-A", "executive", R"({"state":"patched","evidence":"x"})").result(),
            http::status::forbidden);
  EXPECT_EQ(call(http::verb::patch, "/api/v1/devices/PUMP-1/findings/ICSMA-A", "auditor", R"({"state":"patched","evidence":"x"})").result(),
            http::status::forbidden);
  EXPECT_EQ(call(http::verb::get, "/api/v1/vulns/worklist", "executive").result(), http::status::forbidden);
  EXPECT_EQ(call(http::verb::get, "/api/v1/vulns/worklist", "auditor").result(), http::status::ok);
}

TEST_F(DeviceApiTest, TheExecutiveGetsCountsByDepartmentAndOutcome) {
  auto res = call(http::verb::get, "/api/v1/stats/devices", "executive");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  json body = json::parse(res.body());
  EXPECT_EQ(body["devices"], 2);
  EXPECT_EQ(body["open_findings"], 3);
  EXPECT_EQ(body["overdue"], 0);
  EXPECT_EQ(body["by_department"]["Oncology"]["out-of-cycle"], 2);
  EXPECT_EQ(body["by_department"]["Radiology"]["immediate"], 1);
}

}  // namespace
}  // namespace ward::api

// The CVD intake routes over a real store: staff record a report (201, received, target 90 days
// on), read it with its timeline, move it on; a refused transition and a date out of order are
// 400s naming the field; who may do what; /api/v1/devices/{device} still reads devices.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "devices/device_store.h"
#include "devices/remediation.h"

namespace ward::api {
namespace {

using nlohmann::json;

class CvdApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ApiOptions options = testing::test_api_options();
    options.data_dir = dir_.path();
    ASSERT_NO_FATAL_FAILURE(open_api({"analyst", "executive", "privacy_officer", "auditor"}, options));
    auto devices = devices::DeviceStore::open(dir_.path());
    ASSERT_TRUE(devices);
    ASSERT_TRUE(devices->upsert_devices({devices::Device{"PUMP-1", "Acme Infusion", "Pump X", "1.5"}}));
  }

  Response call(http::verb verb, const std::string& target, const std::string& role, std::string body = {}) {
    return request(verb, target, std::move(body), body.empty() ? "" : "application/json", token_of(role));
  }

  std::int64_t add_report() {
    auto res = call(http::verb::post, "/api/v1/devices/cvd", "analyst",
                    R"({"title": "Hard-coded service password", "vendor": "Acme Infusion", "product": "Pump X", "version": "< 2.0",
                        "reporter": "J. Researcher", "reporter_contact": "jr@example.org", "received_on": "2026-11-20"})");
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return json::parse(res.body())["id"].get<std::int64_t>();
  }
};

TEST_F(CvdApiTest, StaffRecordAReportAndMoveItOn) {
  const std::int64_t id = add_report();
  const std::string path = "/api/v1/devices/cvd/" + std::to_string(id);
  auto got = call(http::verb::get, path, "auditor");
  ASSERT_EQ(got.result(), http::status::ok) << got.body();
  json body = json::parse(got.body());
  EXPECT_EQ(body["state"], "received");
  EXPECT_EQ(body["target_disclosure_on"], "2027-02-18");
  EXPECT_EQ(body["anonymous"], false);
  EXPECT_TRUE(body["days_to_disclosure"].is_number_integer());
  ASSERT_EQ(body["timeline"].size(), 1u);
  EXPECT_EQ(body["timeline"][0]["event"], "received");

  auto moved = call(http::verb::patch, path, "analyst", R"({"state": "acknowledged", "acknowledged_on": "2026-11-21", "note": "thanked"})");
  ASSERT_EQ(moved.result(), http::status::ok) << moved.body();
  body = json::parse(moved.body());
  EXPECT_EQ(body["state"], "acknowledged");
  EXPECT_EQ(body["acknowledged_on"], "2026-11-21");
  ASSERT_EQ(body["timeline"].size(), 3u);
  EXPECT_EQ(body["timeline"][1]["detail"], "acknowledged (was received) on 2026-11-21");
  EXPECT_NE(body["timeline"][1]["actor"].get<std::string>().find("token:"), std::string::npos);

  auto list = call(http::verb::get, "/api/v1/devices/cvd?state=open", "analyst");
  ASSERT_EQ(list.result(), http::status::ok) << list.body();
  EXPECT_EQ(json::parse(list.body())["reports"].size(), 1u);
  auto device = call(http::verb::get, "/api/v1/devices/PUMP-1", "analyst");
  EXPECT_EQ(device.result(), http::status::ok) << device.body();
}

TEST_F(CvdApiTest, RefusedTransitionsAndDatesOutOfOrderNameTheField) {
  const std::string path = "/api/v1/devices/cvd/" + std::to_string(add_report());
  auto jump = call(http::verb::patch, path, "analyst", R"({"state": "disclosed"})");
  ASSERT_EQ(jump.result(), http::status::bad_request) << jump.body();
  EXPECT_EQ(json::parse(jump.body())["error"]["field"], "state");
  EXPECT_NE(jump.body().find("cannot go from received to disclosed; from received only to acknowledged, rejected"), std::string::npos);
  auto early = call(http::verb::patch, path, "analyst", R"({"state": "acknowledged", "acknowledged_on": "2026-11-19"})");
  ASSERT_EQ(early.result(), http::status::bad_request) << early.body();
  EXPECT_EQ(json::parse(early.body())["error"]["field"], "acknowledged_on");
  EXPECT_NE(early.body().find("acknowledged_on: 2026-11-19 is before received_on 2026-11-20"), std::string::npos);
  EXPECT_EQ(json::parse(call(http::verb::get, path, "analyst").body())["state"], "received");  // nothing saved
  auto unknown = call(http::verb::post, "/api/v1/devices/cvd", "analyst", R"({"title": "x", "severity": "high"})");
  EXPECT_EQ(unknown.result(), http::status::bad_request);
  EXPECT_EQ(call(http::verb::get, "/api/v1/devices/cvd/999", "analyst").result(), http::status::not_found);
}

TEST_F(CvdApiTest, ComplianceReadsOthersMayNot) {
  add_report();
  EXPECT_EQ(call(http::verb::get, "/api/v1/devices/cvd", "auditor").result(), http::status::ok);
  EXPECT_EQ(call(http::verb::post, "/api/v1/devices/cvd", "auditor", R"({"title": "x"})").result(), http::status::forbidden);
  EXPECT_EQ(call(http::verb::get, "/api/v1/devices/cvd", "executive").result(), http::status::forbidden);
  EXPECT_EQ(call(http::verb::get, "/api/v1/devices/cvd", "privacy_officer").result(), http::status::forbidden);
}

}  // namespace
}  // namespace ward::api

// GET /api/v1/devices/discovered over a real store: the hosts discovered from the hand-written
// Zeek logs (tests/golden/discovery) reconciled with an inventory; the filter; who may read it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "devices/device_store.h"
#include "discovery/discovery_run.h"

namespace ward::api {
namespace {

using nlohmann::json;

class DiscoveryApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ApiOptions options = testing::test_api_options();
    options.data_dir = dir_.path();
    ASSERT_NO_FATAL_FAILURE(open_api({"analyst", "executive", "privacy_officer", "auditor"}, options));
    auto devices = devices::DeviceStore::open(dir_.path());
    ASSERT_TRUE(devices);
    devices::Device pump{"PUMP-07", "Philips", "MP50"};
    pump.mac = "00:09:5C:12:34:56";
    pump.ip = "10.20.1.18";
    devices::Device xray{"XR-1", "GE Healthcare", "Optima"};
    xray.ip = "10.20.9.9";
    ASSERT_TRUE(devices->upsert_devices({pump, xray}));
    discovery::DiscoverOptions discover;
    discover.oui_file.clear();
    ASSERT_TRUE(discovery::discover_files(dir_.path(), {"tests/golden/discovery/dhcp.log", "tests/golden/discovery/conn.log"},
                                          discover));
  }
  Response get(const std::string& target, const std::string& role) { return request(http::verb::get, target, {}, "", token_of(role)); }
};

TEST_F(DiscoveryApiTest, AnswersHostsReconciledWithTheInventory) {
  auto res = get("/api/v1/devices/discovered", "auditor");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  json body = json::parse(res.body());
  EXPECT_EQ(body["devices"], 2);
  bool pump_seen = false;
  for (const json& row : body["rows"]) {
    if (row["device_id"] != "PUMP-07") continue;
    pump_seen = true;
    EXPECT_EQ(row["status"], "matched");
    EXPECT_EQ(row["basis"], "mac");
    EXPECT_EQ(row["asset"]["hostname"], "ICU-PUMP-07");
    EXPECT_EQ(row["conflicts"][0]["field"], "ip");
    EXPECT_EQ(row["conflicts"][0]["cmms"], "10.20.1.18");
    EXPECT_EQ(row["conflicts"][0]["observed"], "10.20.1.17");
  }
  EXPECT_TRUE(pump_seen);
  json unseen = json::parse(get("/api/v1/devices/discovered?show=unseen", "analyst").body());
  ASSERT_EQ(unseen["rows"].size(), 1u);
  EXPECT_EQ(unseen["rows"][0]["device_id"], "XR-1");
  EXPECT_TRUE(unseen["rows"][0]["asset"].is_null());
}

TEST_F(DiscoveryApiTest, ABadFilterIsA400AndOnlyTheDeviceRolesMayRead) {
  auto bad = get("/api/v1/devices/discovered?show=everything", "analyst");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(json::parse(bad.body())["error"]["field"], "show");
  EXPECT_EQ(get("/api/v1/devices/discovered", "executive").result(), http::status::forbidden);
  EXPECT_EQ(get("/api/v1/devices/discovered", "privacy_officer").result(), http::status::forbidden);
}

}  // namespace
}  // namespace ward::api

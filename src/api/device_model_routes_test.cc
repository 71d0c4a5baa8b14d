// The device model routes over a real store: PUT a model's security contact and MDS2 answers,
// read it back under another spelling of the vendor, see it on the device page, and a model
// without a form said to have none; bad answers refused naming the field; who may write.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "devices/device_store.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::devices;

class DeviceModelApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ApiOptions options = testing::test_api_options();
    options.data_dir = dir_.path();
    ASSERT_NO_FATAL_FAILURE(open_api({"analyst", "auditor"}, options));
    auto devices = DeviceStore::open(dir_.path());
    ASSERT_TRUE(devices) << devices.error().describe();
    Device monitor{"MON-1", "Philips", "IntelliVue MX40", "B.06"};
    Device pump{"PUMP-1", "BD", "Alaris 8015 PC unit", "9.7"};
    ASSERT_TRUE(devices->upsert_devices({monitor, pump}));
  }

  Response call(http::verb verb, const std::string& target, const std::string& role, std::string body = {}) {
    return request(verb, target, std::move(body), body.empty() ? "" : "application/json", token_of(role));
  }
};

constexpr const char* kMx40 = R"({"manufacturer":"Phillips","contact_name":"Product Security","contact_email":"productsecurity@philips.com",
  "contact_phone":"+1 800 555 0100","psirt_url":"https://www.philips.com/psirt","end_of_support":"2030-12-31",
  "mds2":{"MPII-1":"Yes","MLDP-2":"no","RMOT-1":"yes","SBOM-1":"N/A"}})";

TEST_F(DeviceModelApiTest, APutModelIsReadBackAndShownOnItsDevices) {
  auto put = call(http::verb::put, "/api/v1/devices/models/IntelliVue%20MX40", "analyst", kMx40);
  ASSERT_EQ(put.result(), http::status::created) << put.body();
  EXPECT_EQ(json::parse(put.body())["change"], "added");
  auto again = call(http::verb::put, "/api/v1/devices/models/IntelliVue%20MX40", "analyst", kMx40);
  ASSERT_EQ(again.result(), http::status::ok) << again.body();
  EXPECT_EQ(json::parse(again.body())["change"], "unchanged");

  auto got = call(http::verb::get, "/api/v1/devices/models/intellivue%20mx40?manufacturer=Philips%20Healthcare", "auditor");
  ASSERT_EQ(got.result(), http::status::ok) << got.body();
  json model = json::parse(got.body());
  EXPECT_EQ(model["contact_email"], "productsecurity@philips.com");
  EXPECT_TRUE(model["mds2_on_file"].get<bool>());
  ASSERT_EQ(model["mds2"].size(), 4u);
  EXPECT_EQ(model["mds2"][0]["id"], "MPII-1");  // the form's order
  EXPECT_EQ(model["mds2"][0]["answer"], "yes");
  EXPECT_NE(model["updated_by"].get<std::string>().find("analyst's laptop"), std::string::npos) << model["updated_by"];

  json device = json::parse(call(http::verb::get, "/api/v1/devices/MON-1", "auditor").body());
  EXPECT_EQ(device["model_profile"]["contact_phone"], "+1 800 555 0100");
  EXPECT_EQ(device["model_profile"]["psirt_url"], "https://www.philips.com/psirt");
  json pump = json::parse(call(http::verb::get, "/api/v1/devices/PUMP-1", "auditor").body());
  EXPECT_FALSE(pump["model_profile"]["on_file"].get<bool>());
  EXPECT_NE(pump["model_profile"]["mds2_missing"].get<std::string>().find("No manufacturer contact or MDS2 form on file for BD"),
            std::string::npos);
  json list = json::parse(call(http::verb::get, "/api/v1/devices/models", "auditor").body());
  EXPECT_EQ(list["models"].size(), 1u);
}

TEST_F(DeviceModelApiTest, AModelWithAContactButNoFormSaysSo) {
  auto put = call(http::verb::put, "/api/v1/devices/models/Alaris%208015%20PC%20unit?manufacturer=BD", "analyst",
                  R"({"contact_email":"productsecurity@bd.com"})");
  ASSERT_EQ(put.result(), http::status::created) << put.body();
  json pump = json::parse(call(http::verb::get, "/api/v1/devices/PUMP-1", "auditor").body());
  EXPECT_EQ(pump["model_profile"]["contact_email"], "productsecurity@bd.com");
  EXPECT_EQ(pump["model_profile"]["mds2_missing"], "No MDS2 form on file for BD Alaris 8015 PC unit: ask the manufacturer for it.");
}

TEST_F(DeviceModelApiTest, BadInputIsRefusedNamingTheField) {
  auto answer = call(http::verb::put, "/api/v1/devices/models/MX40", "analyst", R"({"manufacturer":"Philips","mds2":{"MPII-1":"maybe"}})");
  EXPECT_EQ(answer.result(), http::status::bad_request);
  EXPECT_NE(answer.body().find("mds2.MPII-1"), std::string::npos) << answer.body();
  auto unknown = call(http::verb::put, "/api/v1/devices/models/MX40", "analyst", R"({"manufacturer":"Philips","colour":"blue"})");
  EXPECT_EQ(unknown.result(), http::status::bad_request);
  auto no_vendor = call(http::verb::put, "/api/v1/devices/models/MX40", "analyst", R"({"contact_name":"x"})");
  EXPECT_EQ(no_vendor.result(), http::status::bad_request);
  EXPECT_EQ(call(http::verb::get, "/api/v1/devices/models/MX40", "analyst").result(), http::status::bad_request);
  EXPECT_EQ(call(http::verb::get, "/api/v1/devices/models/MX40?manufacturer=Philips", "analyst").result(), http::status::not_found);
}

TEST_F(DeviceModelApiTest, ComplianceReadsButMayNotChangeAModel) {
  EXPECT_EQ(call(http::verb::put, "/api/v1/devices/models/MX40", "auditor", kMx40).result(), http::status::forbidden);
}

}  // namespace
}  // namespace ward::api

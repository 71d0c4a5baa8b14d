// The device model routes over a real store: PUT a model's security contact and MDS2 answers,
// read it back under another spelling of the vendor, see it on the device page, and a model
// without a form said to have none; bad answers refused naming the field; who may write; the
// vendor aliases ward serve was configured with.
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
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(open(testing::test_api_options())); }

  void open(ApiOptions options) {
    options.data_dir = dir_.path();
    ASSERT_NO_FATAL_FAILURE(open_api({"analyst", "auditor"}, options));
    auto devices = DeviceStore::open(dir_.path());
    ASSERT_TRUE(devices) << devices.error().describe();
    Device monitor{"MON-1", "Philips", "IntelliVue MX40", "B.06"};
    Device pump{"PUMP-1", "BD", "Alaris 8015 PC unit", "9.7"};
    Device infusor{"NW-1", "NWM", "Infusor 3", "2.1"};  // its vendor as an alias only ward.yaml may name
    ASSERT_TRUE(devices->upsert_devices({monitor, pump, infusor}));
  }

  Response call(http::verb verb, const std::string& target, const std::string& role, std::string body = {}) {
    const std::string_view type = body.empty() ? "" : "application/json";
    return request(verb, target, std::move(body), type, token_of(role));
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
  // Every question a form may answer, in the form's order, free-text ones marked.
  ASSERT_EQ(device["mds2_questions"].size(), 16u);
  EXPECT_EQ(device["mds2_questions"][0]["id"], "DOC-4");
  EXPECT_TRUE(device["mds2_questions"][0]["text"].get<bool>());
  EXPECT_EQ(device["mds2_questions"][3]["id"], "MPII-1");
  EXPECT_FALSE(device["mds2_questions"][3]["text"].get<bool>());
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

// ward serve passes devices.vendor_aliases in ApiOptions: a device whose manufacturer is written
// as a configured alias finds the profile kept under the canonical name, and a model PUT under
// the alias is that same model. Without the alias the API keys them apart.
class DeviceModelAliasTest : public DeviceModelApiTest {
 protected:
  void SetUp() override {}  // each test opens the API with or without the alias
  void open_with(bool configured) {
    ApiOptions options = testing::test_api_options();
    if (configured) options.vendor_aliases["Northwind Medical"] = {"NWM", "Northwind Med Devices"};
    ASSERT_NO_FATAL_FAILURE(open(options));
    auto put = call(http::verb::put, "/api/v1/devices/models/Infusor%203", "analyst", kInfusor);
    ASSERT_EQ(put.result(), http::status::created) << put.body();
  }
  static constexpr const char* kInfusor =
      R"({"manufacturer":"Northwind Medical","contact_email":"psirt@northwind.example","mds2":{"SBOM-1":"yes"}})";
  static constexpr const char* kInfusorByAlias =
      R"({"manufacturer":"NWM","contact_email":"psirt@northwind.example","mds2":{"SBOM-1":"yes"}})";
};

TEST_F(DeviceModelAliasTest, AConfiguredAliasFindsTheDevicesModel) {
  ASSERT_NO_FATAL_FAILURE(open_with(true));
  json device = json::parse(call(http::verb::get, "/api/v1/devices/NW-1", "auditor").body());
  EXPECT_EQ(device["model_profile"]["contact_email"], "psirt@northwind.example") << device["model_profile"];
  EXPECT_TRUE(device["model_profile"]["mds2_on_file"].get<bool>());
  auto by_alias = call(http::verb::get, "/api/v1/devices/models/infusor%203?manufacturer=Northwind%20Med%20Devices", "auditor");
  EXPECT_EQ(by_alias.result(), http::status::ok) << by_alias.body();
  // The same model (its manufacturer as last written changes), not a new one.
  auto again = call(http::verb::put, "/api/v1/devices/models/Infusor%203", "analyst", kInfusorByAlias);
  EXPECT_EQ(json::parse(again.body())["change"], "updated") << again.body();
  json list = json::parse(call(http::verb::get, "/api/v1/devices/models", "auditor").body());
  EXPECT_EQ(list["models"].size(), 1u);
}

TEST_F(DeviceModelAliasTest, WithoutTheAliasTheDeviceHasNoProfile) {
  ASSERT_NO_FATAL_FAILURE(open_with(false));
  json device = json::parse(call(http::verb::get, "/api/v1/devices/NW-1", "auditor").body());
  EXPECT_FALSE(device["model_profile"]["on_file"].get<bool>()) << device["model_profile"];
  auto by_alias = call(http::verb::get, "/api/v1/devices/models/infusor%203?manufacturer=Northwind%20Med%20Devices", "auditor");
  EXPECT_EQ(by_alias.result(), http::status::not_found) << by_alias.body();
  auto again = call(http::verb::put, "/api/v1/devices/models/Infusor%203", "analyst", kInfusorByAlias);
  EXPECT_EQ(json::parse(again.body())["change"], "added") << again.body();
}

TEST_F(DeviceModelApiTest, ComplianceReadsButMayNotChangeAModel) {
  EXPECT_EQ(call(http::verb::put, "/api/v1/devices/models/MX40", "auditor", kMx40).result(), http::status::forbidden);
}

}  // namespace
}  // namespace ward::api

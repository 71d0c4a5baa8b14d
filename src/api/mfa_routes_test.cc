// MFA coverage over the API as each role sees it: the security analyst uploads an Entra export
// and reads the coverage back, compliance reads it, the privacy officer and the executive are
// refused; a file Ward cannot use is refused naming the column, with nothing saved.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

constexpr std::string_view kExport =
    "userPrincipalName,userDisplayName,isAdmin,isMfaRegistered,methodsRegistered\n"
    "ana@h.example,Ana Ruiz,false,true,microsoftAuthenticatorPush\n"
    "ben@h.example,Ben Ito,true,false,email\n"
    "cy@h.example,Cy Dale,false,true,fido2\n"
    "dee@h.example,Dee Moss,false,perhaps,\n";

class MfaApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_api({"security_analyst", "compliance", "privacy_officer", "executive"}));
  }
  Response upload(std::string_view role, std::string body, const std::string& query = "?source=entra.csv",
                  std::string_view type = "text/csv") {
    return request(http::verb::post, "/api/v1/program/mfa" + query, std::move(body), type, token_of(role));
  }
  Response show(std::string_view role) { return request(http::verb::get, "/api/v1/program/mfa", "", "", token_of(role)); }
  static json body_of(const Response& r) { return json::parse(r.body(), nullptr, false); }
};

TEST_F(MfaApiTest, UploadThenShowTheCoverage) {
  auto before = show("compliance");
  ASSERT_EQ(before.result(), http::status::ok) << before.body();
  EXPECT_EQ(body_of(before)["imported"], false);

  auto up = upload("security_analyst", std::string(kExport));
  ASSERT_EQ(up.result(), http::status::created) << up.body();
  const json j = body_of(up);
  EXPECT_EQ(j["source"], "entra.csv");
  EXPECT_EQ(j["format"], "entra");
  EXPECT_EQ(j["rows"], 4);
  EXPECT_EQ(j["rejected"], 1);
  EXPECT_EQ(j["rejected_rows"][0]["line"], 5);
  EXPECT_EQ(j["rejected_rows"][0]["column"], "isMfaRegistered");
  EXPECT_EQ(j["coverage"]["enabled"], 3);
  EXPECT_EQ(j["coverage"]["enabled_with_mfa"], 2);
  EXPECT_EQ(j["coverage"]["privileged"]["enabled"], 1);
  EXPECT_EQ(j["coverage"]["privileged"]["with_mfa"], 0);
  EXPECT_EQ(j["coverage"]["text"], "2 of 3 enabled accounts (66.7%); privileged: 0 of 1 account (0.0%)");
  EXPECT_EQ(j["imported_by"], "token:1 (security_analyst's laptop)");

  auto after = show("compliance");
  ASSERT_EQ(after.result(), http::status::ok);
  const json s = body_of(after);
  EXPECT_EQ(s["imported"], true);
  EXPECT_DOUBLE_EQ(s["import"]["coverage"]["coverage"].get<double>(), 2.0 / 3);
  ASSERT_EQ(s["without_mfa"].size(), 1u);
  EXPECT_EQ(s["without_mfa"][0]["user_id"], "ben@h.example");
  EXPECT_EQ(s["without_mfa"][0]["privileged"], true);

  // A path in ?source= keeps only the file name.
  auto named = upload("security_analyst", "user_id,mfa\nE1,yes\n", "?source=..%2F..%2Fetc%2Fidp.csv");
  ASSERT_EQ(named.result(), http::status::created) << named.body();
  EXPECT_EQ(body_of(named)["source"], "idp.csv");
  EXPECT_EQ(body_of(upload("compliance", "user_id,mfa\nE1,yes\n", "")).value("source", ""), "upload");
}

TEST_F(MfaApiTest, RolesWithoutTheProgramAreRefused) {
  EXPECT_EQ(upload("privacy_officer", std::string(kExport)).result(), http::status::forbidden);
  EXPECT_EQ(upload("executive", std::string(kExport)).result(), http::status::forbidden);
  EXPECT_EQ(show("privacy_officer").result(), http::status::forbidden);
  EXPECT_EQ(show("executive").result(), http::status::forbidden);
  EXPECT_EQ(request(http::verb::get, "/api/v1/program/mfa", "", "", "").result(), http::status::unauthorized);
  EXPECT_EQ(body_of(show("compliance"))["imported"], false);  // nothing saved by the refused uploads
}

TEST_F(MfaApiTest, BadFilesAreRefusedWithNothingSaved) {
  auto no_column = upload("security_analyst", "userPrincipalName,accountEnabled\nana@h.example,true\n");
  ASSERT_EQ(no_column.result(), http::status::bad_request);
  EXPECT_EQ(body_of(no_column)["error"]["field"], "mfa");
  EXPECT_NE(body_of(no_column)["error"]["message"].get<std::string>().find("no MFA column"), std::string::npos);
  auto nothing = upload("security_analyst", "user_id,mfa\nE1,perhaps\n");
  EXPECT_EQ(nothing.result(), http::status::bad_request);
  EXPECT_EQ(upload("security_analyst", "{\"user_id\": 1}", "", "application/json").result(), http::status::unsupported_media_type);
  EXPECT_EQ(upload("security_analyst", "user_id,mfa\nE1,yes\n", "?source=" + std::string(300, 'a')).result(),
            http::status::bad_request);
  EXPECT_EQ(body_of(show("compliance"))["imported"], false);
}

}  // namespace
}  // namespace ward::api

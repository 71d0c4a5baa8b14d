// POST /api/v1/phi/scan as a client sees it: findings with type, place, confidence and reason but
// never the PHI itself; structured formats located by field; bad requests named; 413 over the
// route's size limit; no token, no scan.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class PhiApiTest : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ApiOptions options;
    options.max_phi_scan_bytes = 4096;
    ASSERT_NO_FATAL_FAILURE(open_api({"privacy_officer"}, options));
  }

  Response post(std::string body, std::string content_type, std::string target = "/api/v1/phi/scan",
                bool with_token = true) {
    return request(http::verb::post, std::move(target), std::move(body), content_type,
                   with_token ? token_of("privacy_officer") : "");
  }
};

TEST_F(PhiApiTest, PlainTextFindingsSayWhereAndWhatButNeverTheValue) {
  const std::string note = "Seen today.\nSSN 460-89-9847, call (617) 555-0134.";
  auto res = post(note, "text/plain; charset=utf-8");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  const json body = json::parse(res.body());
  EXPECT_EQ(body["format"], "text");
  EXPECT_EQ(body["count"], 2);
  const json& ssn = body["findings"][0];
  EXPECT_EQ(ssn["type"], "ssn");
  EXPECT_EQ(note.substr(ssn["begin"].get<std::size_t>(), ssn["end"].get<std::size_t>() - ssn["begin"].get<std::size_t>()),
            "460-89-9847");
  EXPECT_EQ(ssn["line"], 2);
  EXPECT_EQ(ssn["column"], 5);
  EXPECT_TRUE(ssn.contains("confidence") && ssn.contains("reason"));
  EXPECT_EQ(body["findings"][1]["type"], "phone");
  EXPECT_EQ(res.body().find("460-89-9847"), std::string::npos);
  EXPECT_EQ(res.body().find("555-0134"), std::string::npos);
}

TEST_F(PhiApiTest, JsonBodyTakesKnownValuesAndStructuredFormats) {
  auto known = post(json{{"text", "Pt Jonathon Whitfeild called."}, {"known", {{"name", "Jonathan Whitfield"}}}}.dump(),
                    "application/json");
  ASSERT_EQ(known.result(), http::status::ok) << known.body();
  EXPECT_EQ(json::parse(known.body())["findings"][0]["type"], "name");

  const std::string message =
      "MSH|^~\\&|LAB|H|EHR|H|20240101||ORU^R01|1|P|2.5\rPID|1||A7781234^^^H^MR||Whitfield^Jonathan\r";
  auto hl7 = post(json{{"text", message}, {"format", "hl7v2"}}.dump(), "application/json");
  ASSERT_EQ(hl7.result(), http::status::ok) << hl7.body();
  const json body = json::parse(hl7.body());
  EXPECT_EQ(body["format"], "hl7v2");
  EXPECT_EQ(body["findings"][0]["location"], "message 1 MSH-7.1") << "the message's time is the event's date";
  EXPECT_EQ(body["findings"][0]["type"], "date");
  EXPECT_EQ(body["findings"][1]["location"], "message 1 PID-3.1");
  EXPECT_EQ(body["findings"][1]["type"], "mrn");
  EXPECT_EQ(body["findings"][2]["location"], "message 1 PID-5.1");
  EXPECT_EQ(hl7.body().find("Whitfield"), std::string::npos);
  EXPECT_EQ(hl7.body().find("A7781234"), std::string::npos);

  auto ndjson = post("{\"resourceType\":\"Patient\",\"birthDate\":\"1935-02-08\"}\n{oops\n", "application/x-ndjson",
                     "/api/v1/phi/scan?format=fhir");
  ASSERT_EQ(ndjson.result(), http::status::ok) << ndjson.body();
  const json fhir = json::parse(ndjson.body());
  EXPECT_EQ(fhir["findings"][0]["location"], "Patient.birthDate");
  EXPECT_EQ(fhir["errors"][0]["line"], 2);
}

TEST_F(PhiApiTest, BadRequestsSayWhatIsWrong) {
  auto format = post(json{{"text", "x"}, {"format", "dicom"}}.dump(), "application/json");
  EXPECT_EQ(format.result(), http::status::bad_request);
  EXPECT_NE(format.body().find("format: expected text, hl7v2, fhir or csv"), std::string::npos) << format.body();
  auto known = post(json{{"text", "x"}, {"known", {{"nickname", "Jo"}}}}.dump(), "application/json");
  EXPECT_EQ(known.result(), http::status::bad_request);
  EXPECT_NE(known.body().find("known.nickname"), std::string::npos) << known.body();
  auto missing = post(json{{"format", "text"}}.dump(), "application/json");
  EXPECT_EQ(missing.result(), http::status::bad_request);
  EXPECT_NE(missing.body().find("text: required"), std::string::npos) << missing.body();
}

TEST_F(PhiApiTest, BodiesOverTheLimitAre413AndNoTokenIs401) {
  auto big = post(std::string(5000, 'a'), "text/plain");
  EXPECT_EQ(big.result(), http::status::payload_too_large);
  EXPECT_NE(big.body().find("at most 4096 bytes"), std::string::npos) << big.body();
  auto anonymous = post("SSN 460-89-9847", "text/plain", "/api/v1/phi/scan", false);
  EXPECT_EQ(anonymous.result(), http::status::unauthorized);
}

}  // namespace
}  // namespace ward::api

#include "demo/audit_event_json.h"

#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "demo/hospital_generator.h"
#include "testing/shared_data.h"

namespace ward::demo {
namespace {

std::string base64(std::string_view s) {
  std::string out;
  append_base64(out, s);
  return out;
}

std::string decode_base64(std::string_view s) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (char c : s) {
    if (c == '=') break;
    buf = buf << 6 | static_cast<unsigned>(kAlphabet.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

AuditEventFields sample_read() {
  AuditEventFields f;
  f.id = "ae-42-1";
  f.recorded = 1'793'509'200'123;
  f.interaction = Interaction::read;
  f.purpose = "TREAT";
  f.practitioner_id = "prac-0001";
  f.employee_id = "E10001";
  f.user_display = "Mary Smith";
  f.ip = "10.20.13.31";
  f.patient_id = "pat-000001";
  f.object_reference = "Observation/lab-000001-03";
  return f;
}

TEST(Base64, MatchesRfc4648TestVectors) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foob"), "Zm9vYg==");
  EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64("\xff\xfe"), "//4=");
}

TEST(JsonString, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\x01");
  EXPECT_EQ(out, R"("a\"b\\c\nd\u0001")");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), "a\"b\\c\nd\x01");
}

TEST(AuditEventJson, ReadHasTheBalpPatientReadShape) {
  std::string line;
  append_audit_event_json(line, sample_read());
  ASSERT_EQ(line.back(), '\n');
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["resourceType"], "AuditEvent");
  EXPECT_EQ(j["id"], "ae-42-1");
  EXPECT_EQ(j["type"]["system"], "http://terminology.hl7.org/CodeSystem/audit-event-type");
  EXPECT_EQ(j["type"]["code"], "rest");
  EXPECT_EQ(j["subtype"][0]["system"], "http://hl7.org/fhir/restful-interaction");
  EXPECT_EQ(j["subtype"][0]["code"], "read");
  EXPECT_EQ(j["action"], "R");
  EXPECT_EQ(j["recorded"], "2026-11-01T05:00:00.123Z");
  EXPECT_EQ(j["outcome"], "0");
  EXPECT_FALSE(j.contains("outcomeDesc"));
  EXPECT_EQ(j["purposeOfEvent"][0]["coding"][0]["system"], "http://terminology.hl7.org/CodeSystem/v3-ActReason");
  EXPECT_EQ(j["purposeOfEvent"][0]["coding"][0]["code"], "TREAT");
  const auto& user = j["agent"][0];
  EXPECT_EQ(user["type"]["coding"][0]["code"], "IRCP");
  EXPECT_EQ(user["who"]["reference"], "Practitioner/prac-0001");
  EXPECT_EQ(user["who"]["identifier"]["value"], "E10001");
  EXPECT_EQ(user["who"]["display"], "Mary Smith");
  EXPECT_EQ(user["requestor"], true);
  EXPECT_EQ(user["network"]["address"], "10.20.13.31");
  EXPECT_EQ(user["network"]["type"], "2");
  const auto& server = j["agent"][1];
  EXPECT_EQ(server["type"]["coding"][0]["system"], "http://dicom.nema.org/resources/ontology/DCM");
  EXPECT_EQ(server["type"]["coding"][0]["code"], "110153");
  EXPECT_EQ(server["who"]["display"], "ehr.ward-general.example");
  EXPECT_EQ(server["requestor"], false);
  EXPECT_EQ(j["source"]["observer"]["display"], "ehr.ward-general.example");
  EXPECT_EQ(j["entity"][0]["what"]["reference"], "Patient/pat-000001");
  EXPECT_EQ(j["entity"][0]["type"]["code"], "1");
  EXPECT_EQ(j["entity"][0]["role"]["code"], "1");
  EXPECT_EQ(j["entity"][1]["what"]["reference"], "Observation/lab-000001-03");
  EXPECT_EQ(j["entity"][1]["type"]["code"], "2");
  EXPECT_EQ(j["entity"][1]["role"]["code"], "4");
}

TEST(AuditEventJson, SearchCarriesTheRequestAsBase64Query) {
  AuditEventFields f = sample_read();
  f.interaction = Interaction::search;
  f.query = "GET /fhir/Observation?patient=pat-000001&category=laboratory&_count=50";
  std::string line;
  append_audit_event_json(line, f);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["subtype"][0]["code"], "search-type");
  EXPECT_EQ(j["action"], "E");
  EXPECT_EQ(j["entity"][1]["type"]["code"], "2");
  EXPECT_EQ(j["entity"][1]["role"]["code"], "24");
  EXPECT_FALSE(j["entity"][1].contains("what"));
  EXPECT_EQ(decode_base64(j["entity"][1]["query"].get<std::string>()), f.query);
}

TEST(AuditEventJson, InteractionsMapToSubtypeAndAction) {
  const std::pair<Interaction, std::pair<const char*, const char*>> cases[] = {
      {Interaction::create, {"create", "C"}},
      {Interaction::update, {"update", "U"}},
      {Interaction::remove, {"delete", "D"}},
  };
  for (const auto& [interaction, expected] : cases) {
    AuditEventFields f = sample_read();
    f.interaction = interaction;
    std::string line;
    append_audit_event_json(line, f);
    auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["subtype"][0]["code"], expected.first);
    EXPECT_EQ(j["action"], expected.second);
  }
}

TEST(AuditEventJson, FailureOutcomesCarryADescription) {
  AuditEventFields f = sample_read();
  f.outcome = 8;
  std::string line;
  append_audit_event_json(line, f);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["outcome"], "8");
  EXPECT_TRUE(j.contains("outcomeDesc"));
}

TEST(AuditEventJson, EscapesUserSuppliedText) {
  AuditEventFields f = sample_read();
  f.user_display = "Mary \"Molly\" O'Brien";
  std::string line;
  append_audit_event_json(line, f);
  EXPECT_EQ(nlohmann::json::parse(line)["agent"][0]["who"]["display"], "Mary \"Molly\" O'Brien");
}

std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(AuditEventNdjson, WritesExactlyCountLinesThatParse) {
  testing::TempDir dir;
  auto n = write_audit_event_ndjson(dir.path() / "bench.ndjson", 2000, 9);
  ASSERT_TRUE(n) << n.error().describe();
  EXPECT_EQ(*n, 2000u);
  auto lines = lines_of(dir.path() / "bench.ndjson");
  ASSERT_EQ(lines.size(), 2000u);
  int searches = 0;
  std::string previous;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto j = nlohmann::json::parse(lines[i]);
    ASSERT_EQ(j["resourceType"], "AuditEvent");
    EXPECT_EQ(j["id"], "ae-9-" + std::to_string(i + 1));
    EXPECT_EQ(j["entity"][0]["what"]["reference"].get<std::string>().rfind("Patient/pat-", 0), 0u);
    EXPECT_GE(j["recorded"].get<std::string>(), previous) << "recorded times never go back";
    previous = j["recorded"].get<std::string>();
    searches += j["action"] == "E";
  }
  EXPECT_GT(searches, 250);  // about a fifth
  EXPECT_LT(searches, 550);
}

TEST(AuditEventNdjson, IsDeterministicForASeed) {
  testing::TempDir dir;
  ASSERT_TRUE(write_audit_event_ndjson(dir.path() / "a.ndjson", 300, 5));
  ASSERT_TRUE(write_audit_event_ndjson(dir.path() / "b.ndjson", 300, 5));
  ASSERT_TRUE(write_audit_event_ndjson(dir.path() / "c.ndjson", 300, 6));
  EXPECT_EQ(testing::read_file(dir.path() / "a.ndjson"), testing::read_file(dir.path() / "b.ndjson"));
  EXPECT_NE(testing::read_file(dir.path() / "a.ndjson"), testing::read_file(dir.path() / "c.ndjson"));
}

TEST(AuditEventNdjson, ZeroCountWritesAnEmptyFile) {
  testing::TempDir dir;
  auto n = write_audit_event_ndjson(dir.path() / "empty.ndjson", 0, 1);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 0u);
  EXPECT_EQ(testing::read_file(dir.path() / "empty.ndjson"), "");
}

TEST(AuditEventNdjson, UnwritablePathNamesTheFile) {
  testing::TempDir dir;
  const auto file = dir.path() / "missing-folder" / "bench.ndjson";
  auto n = write_audit_event_ndjson(file, 10, 1);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().code, ErrorCode::io);
  EXPECT_EQ(n.error().source, file.string());
}

}  // namespace
}  // namespace ward::demo

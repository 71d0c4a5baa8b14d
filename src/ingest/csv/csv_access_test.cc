#include "ingest/csv/csv_access.h"

#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/config_yaml.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using testing::CollectingSink;

constexpr std::string_view kSource = "exports/access_2024-03.csv";

struct Parsed {
  CollectingSink sink;
  ImportSummary summary;
  Result<void> result;
};

// Tests look at the flat field view too, which import leaves off by default.
ParseOptions with_fields() {
  ParseOptions options;
  options.keep_fields = true;
  return options;
}

std::unique_ptr<Parsed> parse(std::string_view data, const CsvAccessMapping& mapping = {},
                              ParseOptions options = with_fields()) {
  auto p = std::make_unique<Parsed>();
  ParseContext ctx(std::string(kSource), p->sink, options);
  p->result = parse_csv_access(data, mapping, ctx);
  p->summary = ctx.summary();
  return p;
}

const TypeCounts& rows(const Parsed& p) { return p.summary.by_type.at("access-log row"); }

constexpr std::string_view kHeader =
    "timestamp,user_id,user_name,role,department,patient_id,patient_mrn,action,object,"
    "workstation,ip,purpose,event_id\n";

TEST(CsvAccess, ImportsARowIntoEveryEventField) {
  std::string data(kHeader);
  data += "2024-03-07T13:05:09Z,u1001,Dana Reyes,registered nurse,Cardiology,pat-9,MRN0042,"
          "Chart Review,Observation,WS-4B-07,10.2.3.4,TREAT,evt-77\n";
  auto p = parse(data);
  ASSERT_TRUE(p->result) << p->result.error().describe();
  ASSERT_EQ(p->sink.events.size(), 1u);
  const auto& e = p->sink.events[0];
  EXPECT_EQ(format_iso8601(e.time), "2024-03-07T13:05:09Z");
  EXPECT_EQ(e.kind, EventKind::ehr_access);
  EXPECT_EQ(e.action, Action::read);
  EXPECT_EQ(e.user_id, "u1001");
  EXPECT_EQ(e.user_name, "Dana Reyes");
  EXPECT_EQ(e.role, "registered nurse");
  EXPECT_EQ(e.department, "Cardiology");
  EXPECT_EQ(e.patient_id, "pat-9");
  EXPECT_EQ(e.patient_mrn, "MRN0042");
  EXPECT_EQ(e.object, "Observation");
  EXPECT_EQ(e.host, "WS-4B-07");
  EXPECT_EQ(e.ip, "10.2.3.4");
  EXPECT_EQ(e.purpose, "TREAT");
  EXPECT_EQ(e.id, "evt-77");
  EXPECT_EQ(e.source, kSource);
  // Every column is also in the flat view under its header name.
  EXPECT_EQ(e.fields.size(), 13u);
  EXPECT_EQ(e.field("action"), "Chart Review");
  EXPECT_EQ(e.field("workstation"), "WS-4B-07");
  EXPECT_EQ(rows(*p).accepted, 1u);
  EXPECT_EQ(rows(*p).rejected, 0u);
}

TEST(CsvAccess, ReadsVendorTimeLayoutInChicagoAcrossDst) {
  auto yaml = load_yaml_text(
      "columns: {time: Access Time, user_id: Login, patient_mrn: MRN, patient_id: ~}\n"
      "time_format: \"%m/%d/%Y %I:%M:%S %p\"\n"
      "time_zone: America/Chicago\n", "ward.yaml");
  ASSERT_TRUE(yaml);
  auto mapping = csv_access_mapping_from_yaml(*yaml);
  ASSERT_TRUE(mapping) << mapping.error().message;
  auto p = parse("Access Time,Login,MRN\n"
                 "3/7/2024 1:05:09 PM,jdoe,M1\n"     // CST, UTC-6
                 "07/15/2024 08:00:00 AM,jdoe,M2\n"  // CDT, UTC-5
                 "7/15/2024 12:00:00 AM,jdoe,M3\n",  // midnight
                 *mapping);
  ASSERT_TRUE(p->result);
  ASSERT_EQ(p->sink.events.size(), 3u);
  EXPECT_EQ(format_iso8601(p->sink.events[0].time), "2024-03-07T19:05:09Z");
  EXPECT_EQ(format_iso8601(p->sink.events[1].time), "2024-07-15T13:00:00Z");
  EXPECT_EQ(format_iso8601(p->sink.events[2].time), "2024-07-15T05:00:00Z");
  EXPECT_EQ(p->sink.events[0].patient_mrn, "M1");
  EXPECT_EQ(p->sink.events[0].patient_id, "");
}

TEST(CsvAccess, MapsVendorActionTextToWardActions) {
  std::string data = "timestamp,user_id,patient_id,action\n";
  for (const char* a : {"VIEW", "viewed", "Open", " chart review ", "Lookup", "query", "New",
                        "Sign", "remove", "Print", "Download", "LOGON", "LogOff", "Print AVS"})
    data += fmt::format("2024-03-07T13:05:09Z,u1,p1,{}\n", a);
  CsvAccessMapping m;
  m.actions = {{"print avs", "print"}};
  auto p = parse(data, m);
  ASSERT_TRUE(p->result);
  std::vector<Action> got;
  for (const auto& e : p->sink.events) got.push_back(e.action);
  EXPECT_EQ(got, (std::vector<Action>{Action::read, Action::read, Action::read, Action::read,
                                      Action::search, Action::search, Action::create,
                                      Action::update, Action::delete_, Action::print,
                                      Action::export_, Action::login, Action::logout,
                                      Action::print}));
}

TEST(CsvAccess, UnknownActionIsKeptAsTextEvenWithoutFlatFields) {
  ParseOptions options;
  options.keep_fields = false;
  auto p = parse("timestamp,user_id,patient_id,Activity\n"
                 "2024-03-07T13:05:09Z,u1,p1,Break The Glass\n"
                 "2024-03-07T13:05:10Z,u1,p1,view\n",
                 [] { CsvAccessMapping m; m.action = "activity"; return m; }(), options);
  ASSERT_EQ(p->sink.events.size(), 2u);
  EXPECT_EQ(p->sink.events[0].action, Action::unknown);
  EXPECT_EQ(p->sink.events[0].field("Activity"), "Break The Glass");
  EXPECT_EQ(p->sink.events[1].action, Action::read);
  EXPECT_TRUE(p->sink.events[1].fields.empty());
  EXPECT_EQ(p->sink.events[1].user_id, "u1");
}

TEST(CsvAccess, ReadsQuotedFieldsWithCommasAndNewlines) {
  auto p = parse("timestamp,user_id,user_name,patient_id,object\n"
                 "2024-03-07T13:05:09Z,u1,\"Reyes, Dana\",p1,\"Note: \"\"seen\"\"\nline 2\"\n"
                 "2024-03-07T13:05:10Z,,x,p1,y\n");
  ASSERT_EQ(p->sink.events.size(), 1u);
  EXPECT_EQ(p->sink.events[0].user_name, "Reyes, Dana");
  EXPECT_EQ(p->sink.events[0].object, "Note: \"seen\"\nline 2");
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  EXPECT_EQ(p->sink.rejections[0].error.line, 4u);  // the quoted newline used line 3
}

TEST(CsvAccess, ReadsBomCrLfAndSemicolonFromConfig) {
  auto yaml = load_yaml_text("delimiter: \";\"\n", "ward.yaml");
  auto mapping = csv_access_mapping_from_yaml(*yaml);
  ASSERT_TRUE(mapping);
  auto p = parse("\xEF\xBB\xBFtimestamp;user_id;patient_id;department\r\n"
                 "2024-03-07 13:05:09;u1;p1;Onkologie, Station 3\r\n",
                 *mapping);
  ASSERT_TRUE(p->result);
  ASSERT_EQ(p->sink.events.size(), 1u);
  EXPECT_EQ(p->sink.events[0].user_id, "u1");
  EXPECT_EQ(p->sink.events[0].department, "Onkologie, Station 3");
  EXPECT_EQ(p->sink.events[0].field("timestamp"), "2024-03-07 13:05:09");
}

TEST(CsvAccess, RowWithMissingOrExtraColumnsIsRejectedNamingLineAndColumns) {
  auto p = parse("timestamp,user_id,patient_id\n"
                 "2024-03-07T13:05:09Z,u1\n"
                 "2024-03-07T13:05:09Z,u1,p1,extra\n"
                 "2024-03-07T13:05:09Z,u1,p1\n");
  ASSERT_TRUE(p->result);
  EXPECT_EQ(p->sink.events.size(), 1u);
  ASSERT_EQ(p->sink.rejections.size(), 2u);
  const auto& missing = p->sink.rejections[0];
  EXPECT_EQ(missing.record_type, "access-log row");
  EXPECT_EQ(missing.error.source, kSource);
  EXPECT_EQ(missing.error.line, 2u);
  EXPECT_EQ(missing.error.offset, 29u);
  EXPECT_EQ(missing.error.field, "columns");
  EXPECT_EQ(missing.error.message, "expected 3 columns (as in the header), got 2");
  EXPECT_EQ(missing.raw, "2024-03-07T13:05:09Z,u1");
  EXPECT_EQ(p->sink.rejections[1].error.line, 3u);
  EXPECT_EQ(p->sink.rejections[1].error.message, "expected 3 columns (as in the header), got 4");
  EXPECT_EQ(rows(*p).accepted, 1u);
  EXPECT_EQ(rows(*p).rejected, 2u);
}

TEST(CsvAccess, BadTimeIsRejectedNamingTheTimeColumnWithoutTheValue) {
  CsvAccessMapping m;
  m.time = "Access Time";
  auto p = parse("Access Time,user_id,patient_id\n"
                 "yesterday 3pm,u1,p1\n"
                 ",u1,p1\n",
                 m);
  ASSERT_EQ(p->sink.rejections.size(), 2u);
  const Error& e = p->sink.rejections[0].error;
  EXPECT_EQ(e.source, kSource);
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.field, "Access Time");
  EXPECT_EQ(e.message.find("yesterday"), std::string::npos);
  EXPECT_EQ(e.describe().rfind("exports/access_2024-03.csv:2: Access Time: ", 0), 0u);
  EXPECT_EQ(p->sink.rejections[1].error.line, 3u);
  EXPECT_TRUE(p->sink.events.empty());
}

TEST(CsvAccess, EmptyUserIsRejectedNamingTheUserColumn) {
  auto p = parse("timestamp,user_id,patient_id\n2024-03-07T13:05:09Z,  ,p1\n");
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  EXPECT_EQ(p->sink.rejections[0].error.field, "user_id");
  EXPECT_EQ(p->sink.rejections[0].error.line, 2u);
  EXPECT_EQ(p->sink.rejections[0].error.source, kSource);
  EXPECT_TRUE(p->sink.events.empty());
}

TEST(CsvAccess, HeaderWithoutAPatientColumnImportsNothingAndSaysWhichColumn) {
  auto p = parse("timestamp,user_id,patient\n2024-03-07T13:05:09Z,u1,p1\n2024-03-07T13:05:09Z,u1,p2\n");
  ASSERT_TRUE(p->result);
  EXPECT_TRUE(p->sink.events.empty());
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  const Error& e = p->sink.rejections[0].error;
  EXPECT_EQ(e.source, kSource);
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.field, "patient_id");
  EXPECT_NE(e.message.find("nothing was imported"), std::string::npos);
  EXPECT_EQ(rows(*p).accepted, 0u);
}

TEST(CsvAccess, HeaderColumnsMatchIgnoringCaseAndPadding) {
  auto p = parse(" Timestamp ,USER_ID,Patient ID\n2024-03-07T13:05:09Z,u1,p1\n");
  ASSERT_EQ(p->sink.events.size(), 1u);
  EXPECT_EQ(p->sink.events[0].patient_id, "p1");
  EXPECT_EQ(p->sink.events[0].field("Timestamp"), "2024-03-07T13:05:09Z");
}

TEST(CsvAccess, EmptyFileIsOneRejectionForTheMissingHeader) {
  auto p = parse("");
  ASSERT_TRUE(p->result);
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  EXPECT_EQ(p->sink.rejections[0].error.field, "header");
  EXPECT_EQ(p->sink.rejections[0].error.line, 1u);
  EXPECT_EQ(p->sink.rejections[0].error.source, kSource);
}

TEST(CsvAccess, HeaderOnlyImportsNothingAndRejectsNothing) {
  auto p = parse(kHeader);
  ASSERT_TRUE(p->result);
  EXPECT_TRUE(p->sink.events.empty());
  EXPECT_TRUE(p->sink.rejections.empty());
}

TEST(CsvAccess, BinaryGarbageIsOneRejectionNotACrash) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 131 + 7) % 256));
  auto p = parse(garbage);
  ASSERT_TRUE(p->result);
  EXPECT_TRUE(p->sink.events.empty());
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  EXPECT_EQ(p->sink.rejections[0].error.source, kSource);
  EXPECT_EQ(p->sink.rejections[0].error.line, 1u);
  EXPECT_EQ(p->sink.rejections[0].error.field, "timestamp");
}

TEST(CsvAccess, RowOverMaxRecordBytesIsRejectedAndTheNextRowsImported) {
  ParseOptions options;
  options.max_record_bytes = 100;
  std::string data = "timestamp,user_id,patient_id,object\n";
  data += "2024-03-07T13:05:09Z,u1,p1," + std::string(200, 'x') + "\n";
  data += "2024-03-07T13:05:10Z,u2,p2,ok\n";
  auto p = parse(data, {}, options);
  ASSERT_EQ(p->sink.events.size(), 1u);
  EXPECT_EQ(p->sink.events[0].user_id, "u2");
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  const Error& e = p->sink.rejections[0].error;
  EXPECT_EQ(e.code, ErrorCode::too_large);
  EXPECT_EQ(e.source, kSource);
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.offset, 36u);
  EXPECT_EQ(e.field, "row");
}

TEST(CsvAccess, UnterminatedQuoteRejectsTheRestOfTheFileNamingTheLine) {
  auto p = parse("timestamp,user_id,patient_id\n"
                 "2024-03-07T13:05:09Z,u1,p1\n"
                 "2024-03-07T13:05:10Z,\"u2,p2\n"
                 "2024-03-07T13:05:11Z,u3,p3\n");
  EXPECT_EQ(p->sink.events.size(), 1u);
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  const Error& e = p->sink.rejections[0].error;
  EXPECT_EQ(e.source, kSource);
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.field, "column 2");
  EXPECT_NE(e.message.find("unterminated"), std::string::npos);
}

TEST(CsvAccess, KeepsSourceAndFieldsValidAcrossBatchFlushes) {
  ParseOptions options = with_fields();
  options.batch_size = 2;
  std::string data = "timestamp,user_id,patient_id\n";
  for (int i = 0; i < 5; ++i) data += fmt::format("2024-03-07T13:05:0{}Z,user{},p{}\n", i, i, i);
  auto p = parse(data, {}, options);
  ASSERT_EQ(p->sink.events.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(p->sink.events[i].source, kSource);
    EXPECT_EQ(p->sink.events[i].user_id, fmt::format("user{}", i));
    EXPECT_EQ(p->sink.events[i].field("patient_id"), fmt::format("p{}", i));
  }
}

TEST(CsvAccess, UnknownTimeZoneOrLayoutInACodeBuiltMappingFailsTheFile) {
  CsvAccessMapping zone;
  zone.time_zone = "Mars/Olympus";
  auto z = parse(kHeader, zone);
  ASSERT_FALSE(z->result);
  EXPECT_EQ(z->result.error().field, "ingest.csv_access.time_zone");

  CsvAccessMapping layout;
  layout.time_format = "%Q";
  auto l = parse("timestamp,user_id,patient_id\n2024,u1,p1\n", layout);
  ASSERT_FALSE(l->result);
  EXPECT_EQ(l->result.error().field, "ingest.csv_access.time_format");
}

TEST(CsvAccess, RecognisesAnAccessLogHeader) {
  EXPECT_TRUE(looks_like_access_csv(kHeader, {}));
  EXPECT_TRUE(looks_like_access_csv("\xEF\xBB\xBFTimestamp,User_ID,patient_mrn\r\n1,2,3", {}));
  EXPECT_FALSE(looks_like_access_csv("timestamp,user_id,name\n", {}));
  EXPECT_FALSE(looks_like_access_csv("employee_id,name,role,department\n", {}));
  EXPECT_FALSE(looks_like_access_csv("", {}));
  CsvAccessMapping semi;
  semi.delimiter = ';';
  EXPECT_TRUE(looks_like_access_csv("timestamp;user_id;patient_id\n", semi));
  EXPECT_FALSE(looks_like_access_csv("timestamp,user_id,patient_id\n", semi));
}

}  // namespace
}  // namespace ward::ingest

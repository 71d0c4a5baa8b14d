// ATNA audit messages (files) to events: the fixtures of tests/golden/atna against expected.tsv,
// both dialects, several messages in one file, the flat field names, bad and hostile input.
#include "ingest/atna/atna_parser.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "ingest/atna/atna_test_support.h"
#include "testing/instants.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using ward::testing::OwnedEvent;
using ward::testing::ParsedInput;
using atna_testing::golden;

std::unique_ptr<ParsedInput> parse(std::string_view data, std::string source = "audit.xml") {
  return ward::testing::parse_input(std::move(source), {},
                                    [&](ParseContext& ctx) { return parse_atna(data, ctx); });
}

using ward::testing::at;

struct Expected {
  std::string file, time, kind, action, outcome, user_id, user_name, role, host, ip, patient,
      object, purpose;
};

std::vector<Expected> expected_events() {
  std::ifstream in(golden("expected.tsv"));
  EXPECT_TRUE(in.good());
  std::vector<Expected> out;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) { header = false; continue; }
    std::vector<std::string> c;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) c.push_back(col);
    c.resize(13);
    out.push_back(
        {c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12]});
  }
  return out;
}

void expect_matches(const OwnedEvent& e, const Expected& x) {
  SCOPED_TRACE(x.file + " patient " + x.patient);
  EXPECT_EQ(e.time, at(x.time));
  EXPECT_EQ(to_string(e.kind), x.kind);
  EXPECT_EQ(to_string(e.action), x.action);
  EXPECT_EQ(to_string(e.outcome), x.outcome);
  EXPECT_EQ(e.user_id, x.user_id);
  EXPECT_EQ(e.user_name, x.user_name);
  EXPECT_EQ(e.role, x.role);
  EXPECT_EQ(e.host, x.host);
  EXPECT_EQ(e.ip, x.ip);
  EXPECT_EQ(e.patient_id, x.patient);
  EXPECT_EQ(e.patient_mrn, x.patient);
  EXPECT_EQ(e.object, x.object);
  EXPECT_EQ(e.purpose, x.purpose);
}

std::vector<std::string> fixture_files(const std::vector<Expected>& expected) {
  std::vector<std::string> files;
  for (const Expected& x : expected)
    if (files.empty() || files.back() != x.file) files.push_back(x.file);
  return files;
}

TEST(AtnaParser, EachFixtureGivesTheEventsAUserWouldSee) {
  const auto expected = expected_events();
  ASSERT_EQ(expected.size(), 6u);
  std::size_t row = 0;
  for (const std::string& file : fixture_files(expected)) {
    auto parsed = parse(ward::testing::read_file(golden(file)), file);
    EXPECT_TRUE(parsed->sink.rejections.empty()) << file;
    EXPECT_EQ(parsed->summary.by_type[std::string(kAtnaRecordType)].accepted, 1u) << file;
    for (const OwnedEvent& e : parsed->sink.events) {
      ASSERT_LT(row, expected.size()) << file;
      EXPECT_EQ(e.source, file);
      expect_matches(e, expected[row++]);
    }
  }
  EXPECT_EQ(row, expected.size());
}

TEST(AtnaParser, ConcatenatedAndOnePerLineFilesGiveTheSameEvents) {
  const auto expected = expected_events();
  std::string concatenated = "\xef\xbb\xbf", per_line;
  for (const std::string& file : fixture_files(expected)) {
    std::string xml = ward::testing::read_file(golden(file));
    concatenated += xml;
    for (char& c : xml)
      if (c == '\n' || c == '\r') c = ' ';
    per_line += xml + "\n";
  }
  for (const std::string* input : {&concatenated, &per_line}) {
    auto parsed = parse(*input);
    EXPECT_TRUE(parsed->sink.rejections.empty());
    EXPECT_EQ(parsed->summary.by_type[std::string(kAtnaRecordType)].accepted, 5u);
    ASSERT_EQ(parsed->sink.events.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
      expect_matches(parsed->sink.events[i], expected[i]);
  }
}

TEST(AtnaParser, FlatFieldsUseTheDottedElementPath) {
  auto dicom = parse(ward::testing::read_file(golden("dicom-instances-accessed.xml")));
  ASSERT_EQ(dicom->sink.events.size(), 1u);
  const OwnedEvent& e = dicom->sink.events[0];
  EXPECT_EQ(e.field("EventIdentification.EventID.csd-code"), "110103");
  EXPECT_EQ(e.field("EventIdentification.EventID.originalText"), "DICOM Instances Accessed");
  EXPECT_EQ(e.field("EventIdentification.EventActionCode"), "R");
  EXPECT_EQ(e.field("ActiveParticipant.UserID"), "jdoe");
  EXPECT_EQ(e.field("ActiveParticipant.RoleIDCode.originalText"), "Radiologist");
  EXPECT_EQ(e.field("AuditSourceIdentification.AuditSourceID"), "PACS_ARCHIVE_1");
  EXPECT_EQ(e.field("ParticipantObjectIdentification.ParticipantObjectName"), "TESTPATIENT^ALICE");
  EXPECT_EQ(
      e.field("ParticipantObjectIdentification.ParticipantObjectDescription.Accession.Number"),
      "ACC-0042");
  EXPECT_EQ(e.field("patient.assigning_authority"), "1.2.3.4.5.6");
  EXPECT_EQ(e.field("patient.name"), "TESTPATIENT^ALICE");
  int user_ids = 0;
  for (const auto& [name, value] : e.fields) user_ids += name == "ActiveParticipant.UserID";
  EXPECT_EQ(user_ids, 2);  // one per participant
  EXPECT_EQ(e.field("xmlns:xsi"), "");

  auto rfc = parse(ward::testing::read_file(golden("rfc3881-patient-record-read.xml")));
  ASSERT_EQ(rfc->sink.events.size(), 1u);
  EXPECT_EQ(rfc->sink.events[0].field("EventIdentification.EventID.code"), "110110");
  EXPECT_EQ(rfc->sink.events[0].field("EventIdentification.PurposeOfUse.displayName"), "Treatment");
  EXPECT_EQ(rfc->sink.events[0].field("patient.assigning_authority"), "HOSPA");

  auto two = parse(ward::testing::read_file(golden("dicom-export-two-patients.xml")));
  ASSERT_EQ(two->sink.events.size(), 2u);
  EXPECT_EQ(two->sink.events[0].field("patient.name"), "TESTPATIENT^BRUNO");
  EXPECT_EQ(two->sink.events[1].field("patient.name"), "TESTPATIENT^CARLA");
}

constexpr std::string_view kGood =
    "<AuditMessage><EventIdentification EventActionCode=\"R\" "
    "EventDateTime=\"2026-03-02T10:00:00Z\" EventOutcomeIndicator=\"0\">"
    "<EventID csd-code=\"110110\" codeSystemName=\"DCM\" originalText=\"Patient Record\"/>"
    "</EventIdentification>"
    "<ActiveParticipant UserID=\"u1\" UserIsRequestor=\"true\"/>"
    "<ParticipantObjectIdentification ParticipantObjectID=\"P1\" ParticipantObjectTypeCode=\"1\" "
    "ParticipantObjectTypeCodeRole=\"1\"/></AuditMessage>\n";

TEST(AtnaParser, BadMessagesAreQuarantinedWithWhereAndWhatAndTheRestGoesOn) {
  const std::string input =
      std::string(kGood) +
      // line 2: not well-formed (the EventID tag is never closed)
      "<AuditMessage><EventIdentification EventDateTime=\"2026-03-02T10:00:00Z\">\n"
      "<EventID csd-code=\"110110\"</EventIdentification></AuditMessage>\n" +
      // line 4: no EventDateTime
      "<AuditMessage>\n  <EventIdentification EventActionCode=\"R\"><EventID csd-code=\"110110\"/>"
      "</EventIdentification></AuditMessage>\n" +
      // line 6: no EventIdentification
      "<AuditMessage><ActiveParticipant UserID=\"u2\"/></AuditMessage>\n" +
      // line 7: a time that is not a time
      "<AuditMessage><EventIdentification EventDateTime=\"yesterday\">"
      "<EventID csd-code=\"110110\"/></EventIdentification></AuditMessage>\n" +
      std::string(kGood) +  // line 8
      "trailing words\n";   // line 9
  auto parsed = parse(input, "atna.log");
  ASSERT_EQ(parsed->sink.events.size(), 2u);
  EXPECT_EQ(parsed->sink.events[0].patient_id, "P1");
  EXPECT_EQ(parsed->sink.events[1].user_id, "u1");
  const TypeCounts& counts = parsed->summary.by_type[std::string(kAtnaRecordType)];
  EXPECT_EQ(counts.accepted, 2u);
  EXPECT_EQ(counts.rejected, 5u);
  const auto& r = parsed->sink.rejections;
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[0].error.field, "xml");
  EXPECT_EQ(r[0].error.line, 3u);  // where pugixml found the fault
  EXPECT_NE(r[0].error.message.find("malformed XML"), std::string::npos);
  EXPECT_TRUE(r[0].raw.starts_with("<AuditMessage><EventIdentification EventDateTime"));
  EXPECT_EQ(r[1].error.describe(),
            "atna.log:5: EventIdentification.EventDateTime: EventIdentification has no "
            "EventDateTime (required)");
  EXPECT_EQ(r[1].error.offset, input.find("<EventIdentification EventActionCode=\"R\"><EventID"));
  EXPECT_EQ(r[2].error.field, "EventIdentification");
  EXPECT_EQ(r[2].error.line, 6u);
  EXPECT_EQ(r[3].error.field, "EventIdentification.EventDateTime");
  EXPECT_EQ(r[3].error.line, 7u);
  EXPECT_EQ(r[4].error.field, "AuditMessage");
  EXPECT_EQ(r[4].error.line, 9u);
  EXPECT_EQ(r[4].raw, "trailing words\n");
  for (const Rejection& x : r) EXPECT_EQ(x.error.source, "atna.log");
}

TEST(AtnaParser, AMessageCutShortDoesNotSwallowTheNextOne) {
  const std::string input = std::string(kGood.substr(0, 120)) + "\n" + std::string(kGood);
  auto parsed = parse(input);
  ASSERT_EQ(parsed->sink.events.size(), 1u);
  EXPECT_EQ(parsed->sink.events[0].patient_id, "P1");
  ASSERT_EQ(parsed->sink.rejections.size(), 1u);
  EXPECT_EQ(parsed->sink.rejections[0].error.field, "xml");
  EXPECT_EQ(parsed->sink.rejections[0].error.line, 1u);
}

TEST(AtnaParser, DoctypeEntitiesAreNeverExpandedOrFetched) {
  // XXE (an external entity naming a local file) and "billion laughs" (nested entities).
  const std::string input =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE AuditMessage [\n"
      "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
      "  <!ENTITY lol \"lol\">\n"
      "  <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      "  <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
      "]>\n"
      "<AuditMessage><EventIdentification EventDateTime=\"2026-03-02T10:00:00Z\" "
      "EventOutcomeIndicator=\"0\"><EventID csd-code=\"110110\"/></EventIdentification>"
      "<ActiveParticipant UserID=\"&xxe;\" UserName=\"&lol3;\" UserIsRequestor=\"true\"/>"
      "</AuditMessage>\n";
  auto parsed = parse(input);
  ASSERT_EQ(parsed->sink.events.size(), 1u);
  const OwnedEvent& e = parsed->sink.events[0];
  EXPECT_EQ(e.user_id, "&xxe;");      // left as written: no file was read
  EXPECT_EQ(e.user_name, "&lol3;");   // not expanded
  for (const auto& [name, value] : e.fields) EXPECT_EQ(value.find("root:"), std::string::npos);
}

TEST(AtnaParser, DeepOrHugeInputIsBounded) {
  std::string deep = "<AuditMessage><EventIdentification EventDateTime=\"2026-03-02T10:00:00Z\">"
                     "<EventID csd-code=\"110110\"/></EventIdentification>";
  for (int i = 0; i < 20000; ++i) deep += "<a x=\"1\">";
  for (int i = 0; i < 20000; ++i) deep += "</a>";
  deep += "</AuditMessage>";
  auto parsed = parse(deep);
  ASSERT_EQ(parsed->sink.events.size(), 1u);
  EXPECT_LT(parsed->sink.events[0].fields.size(), 20u);  // fields stop at kMaxFieldDepth

  ParseOptions small;
  small.max_record_bytes = 100;
  auto too_large = ward::testing::parse_input("big.xml", small, [&](ParseContext& ctx) {
    return parse_atna(std::string(kGood) + std::string(kGood), ctx);
  });
  ASSERT_EQ(too_large->sink.rejections.size(), 2u);
  EXPECT_EQ(too_large->sink.rejections[1].error.code, ErrorCode::too_large);
  EXPECT_EQ(too_large->sink.rejections[1].error.line, 2u);
}

TEST(AtnaParser, AnAbsentUserIsRequestorMeansTrueAsInRfc3881) {
  auto parsed = parse(
      "<AuditMessage><EventIdentification EventDateTime=\"2026-03-02T10:00:00Z\">"
      "<EventID code=\"110110\"/></EventIdentification>"
      "<ActiveParticipant UserID=\"ehr-server\" UserIsRequestor=\"false\"/>"
      "<ActiveParticipant AlternativeUserID=\"E1234\" UserName=\"Dana Cruz\"/>"
      "</AuditMessage>");
  ASSERT_EQ(parsed->sink.events.size(), 1u);
  EXPECT_EQ(parsed->sink.events[0].user_id, "E1234");  // no UserID: the alternative one
  EXPECT_EQ(parsed->sink.events[0].user_name, "Dana Cruz");
  EXPECT_EQ(parsed->sink.events[0].outcome, Outcome::unknown);
}

TEST(AtnaParser, DetectsAtnaButNotFhirXml) {
  EXPECT_TRUE(looks_like_atna(ward::testing::read_file(golden("dicom-query.xml"))));
  EXPECT_TRUE(looks_like_atna("\xef\xbb\xbf\n<AuditMessage>"));
  EXPECT_FALSE(
      looks_like_atna("<?xml version=\"1.0\"?><AuditEvent xmlns=\"http://hl7.org/fhir\">"));
  EXPECT_FALSE(looks_like_atna("<AuditMessages>"));
  EXPECT_TRUE(is_atna_xml("\xef\xbb\xbf<?xml version=\"1.0\"?>"));
  EXPECT_TRUE(is_atna_xml("<AuditMessage>"));
  EXPECT_FALSE(is_atna_xml("Accepted publickey for alice"));
}

}  // namespace
}  // namespace ward::ingest

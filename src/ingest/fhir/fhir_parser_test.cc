// parse_fhir: framing (single resource, Bundle, NDJSON), the counts of every public FHIR sample,
// flushing, and what happens to bad input: each case checks the quarantined error's source,
// line, offset and field, and that the records after it still arrive.
#include "ingest/fhir/fhir_parser.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ingest/fhir/fhir_test_support.h"

namespace ward::ingest {
namespace {

using fhir_testing::Parsed;
using fhir_testing::parse_shared;
using fhir_testing::parse_text;
using fhir_testing::with_fields;

constexpr std::string_view kAudit =
    R"({"resourceType":"AuditEvent","id":"a1","recorded":"2024-03-01T10:20:30Z","action":"R",)"
    R"("agent":[{"who":{"identifier":{"value":"u1"}},"requestor":true}],)"
    R"("entity":[{"what":{"reference":"Patient/p1"}}]})";

std::string audit_with_id(std::string_view id) {
  std::string s(kAudit);
  s.replace(s.find("\"a1\""), 4, "\"" + std::string(id) + "\"");
  return s;
}

const Rejection& only_rejection(const Parsed& parsed) {
  EXPECT_EQ(parsed.sink.rejections.size(), 1u);
  static const Rejection none{};
  return parsed.sink.rejections.empty() ? none : parsed.sink.rejections.front();
}

// --- every public sample ---------------------------------------------------------------------

struct Expected {
  std::string type;
  std::uint64_t accepted = 0, skipped = 0, rejected = 0;
};

const std::map<std::string, std::vector<Expected>>& expected_counts() {
  static const std::map<std::string, std::vector<Expected>> table = {
      {"r4_examples/audit-event-example-login.json", {{"AuditEvent", 1}}},
      {"r4_examples/audit-event-example-logout.json", {{"AuditEvent", 1}}},
      {"r4_examples/audit-event-example-media.json", {{"AuditEvent", 1}}},
      {"r4_examples/audit-event-example-pixQuery.json", {{"AuditEvent", 1}}},
      {"r4_examples/audit-event-example-search.json", {{"AuditEvent", 1}}},
      {"r4_examples/audit-event-example-vread.json", {{"AuditEvent", 1}}},
      {"r4_examples/auditevent-example-disclosure.json", {{"AuditEvent", 1}}},
      {"r4_examples/auditevent-example-error.json", {{"AuditEvent", 1}}},
      {"r4_examples/auditevent-example.json", {{"AuditEvent", 1}}},
      {"r4_examples/consent-example-Emergency.json", {{"Consent", 0, 1}}},
      {"r4_examples/consent-example-notThem.json", {{"Consent", 0, 1}}},
      {"r4_examples/consent-example.json", {{"Consent", 0, 1}}},
      {"r4_examples/encounter-example-emerg.json", {{"Encounter", 1}}},
      {"r4_examples/encounter-example-home.json", {{"Encounter", 1}}},
      {"r4_examples/location-example-room.json", {{"Location", 0, 1}}},
      {"r4_examples/organization-example.json", {{"Organization", 0, 1}}},
      {"r4_examples/patient-example-a.json", {{"Patient", 1}}},
      {"r4_examples/patient-example-b.json", {{"Patient", 1}}},
      {"r4_examples/patient-example-chinese.json", {{"Patient", 1}}},
      {"r4_examples/patient-example-dicom.json", {{"Patient", 1}}},
      {"r4_examples/patient-example-f001-pieter.json", {{"Patient", 1}}},
      {"r4_examples/patient-example-f201-roel.json", {{"Patient", 1}}},
      {"r4_examples/patient-example-xds.json", {{"Patient", 1}}},
      {"r4_examples/patient-example.json", {{"Patient", 1}}},
      {"r4_examples/patient-examples-general.json", {{"Patient", 12}}},
      {"r4_examples/practitioner-example-f001-evdb.json", {{"Practitioner", 1}}},
      {"r4_examples/practitioner-example-f201-ab.json", {{"Practitioner", 1}}},
      {"r4_examples/practitioner-example-xcda1.json", {{"Practitioner", 1}}},
      {"r4_examples/practitioner-example.json", {{"Practitioner", 1}}},
      {"r4_examples/practitioner-examples-general.json", {{"Practitioner", 59}}},
      {"r4_examples/practitionerrole-example.json", {{"PractitionerRole", 1}}},
      {"r4_examples/practitionerrole-examples-general.json", {{"PractitionerRole", 15}}},
      {"r4_examples/provenance-example.json", {{"Provenance", 0, 1}}},
      // Not FHIR: a plain JSON object of patient columns (the converter's input sample).
      {"samples/FHIR__ExamplePatient.json", {{"json line", 0, 0, 1}}},
      {"samples/Json__bundle.json", {{"Patient", 1}, {"Observation", 0, 2}}},
      {"samples/Stu3__AuditEvent.json", {{"AuditEvent", 1}}},
      {"samples/Stu3__Encounter.json", {{"Encounter", 1}}},
      {"samples/Stu3__Location.json", {{"Location", 0, 1}}},
      {"samples/Stu3__Organization.json", {{"Organization", 0, 1}}},
      {"samples/Stu3__Patient.json", {{"Patient", 1}}},
      {"samples/Stu3__Practitioner.json", {{"Practitioner", 1}}},
      {"samples/Stu3__PractitionerRole.json", {{"PractitionerRole", 1}}},
      {"samples/Stu3__Provenance.json", {{"Provenance", 0, 1}}},
      {"converter_r4/Stu3ToR4_expected__AuditEvent.json", {{"AuditEvent", 1}}},
      {"converter_r4/Stu3ToR4_expected__Patient.json", {{"Patient", 1}}},
      {"converter_r4/Stu3ToR4_expected__Practitioner.json", {{"Practitioner", 1}}},
      {"converter_r4/Stu3ToR4_expected__Provenance.json", {{"Provenance", 0, 1}}},
  };
  return table;
}

TEST(FhirParser, EveryPublicSampleImportsWithItsExpectedCounts) {
  std::set<std::string> seen;
  for (std::string_view dir : {"r4_examples", "samples", "converter_r4"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(ward::testing::shared_data("fhir/" + std::string(dir)))) {
      if (entry.path().extension() != ".json") continue;
      std::string relative = std::string(dir) + "/" + entry.path().filename().string();
      SCOPED_TRACE(relative);
      auto it = expected_counts().find(relative);
      ASSERT_NE(it, expected_counts().end()) << "a sample without expected counts";
      seen.insert(relative);
      auto parsed = parse_shared("fhir/" + relative);
      ASSERT_TRUE(parsed.result.has_value());
      std::map<std::string, std::tuple<std::uint64_t, std::uint64_t, std::uint64_t>> want, got;
      for (const Expected& x : it->second) want[x.type] = {x.accepted, x.skipped, x.rejected};
      for (const auto& [type, c] : parsed.summary.by_type) got[type] = {c.accepted, c.skipped, c.rejected};
      EXPECT_EQ(got, want);
      EXPECT_EQ(parsed.sink.rejections.size(), parsed.summary.rejected());
    }
  }
  EXPECT_EQ(seen.size(), expected_counts().size());
}

TEST(FhirParser, ObjectWithoutResourceTypeIsRejectedNamingTheField) {
  auto parsed = parse_shared("fhir/samples/FHIR__ExamplePatient.json");
  const Rejection& r = only_rejection(parsed);
  EXPECT_EQ(r.record_type, "json line");
  EXPECT_EQ(r.error.code, ErrorCode::invalid_input);
  EXPECT_EQ(r.error.field, "resourceType");
  EXPECT_EQ(r.error.line, 1u);
  EXPECT_EQ(r.error.offset, 0u);
  EXPECT_NE(r.error.source.find("FHIR__ExamplePatient.json"), std::string::npos);
  EXPECT_EQ(r.error.message.find("M0R1N2"), std::string::npos);  // no values in messages
  EXPECT_NE(r.raw.find("M0R1N2"), std::string::npos);            // but the record is kept
}

// --- framing ---------------------------------------------------------------------------------

TEST(FhirParser, NdjsonGivesOneEventPerLine) {
  std::string ndjson = audit_with_id("a1") + "\n" + audit_with_id("a2") + "\r\n\n   \n" +
                       audit_with_id("a3");  // CRLF, blank lines, no final newline
  auto parsed = parse_text(ndjson, "events.ndjson");
  ASSERT_TRUE(parsed.result.has_value());
  ASSERT_EQ(parsed.sink.events.size(), 3u);
  EXPECT_EQ(parsed.sink.events[2].id, "a3");
  EXPECT_EQ(parsed.sink.events[0].patient_id, "p1");
  EXPECT_EQ(parsed.sink.events[0].source, "events.ndjson");
  EXPECT_EQ(parsed.counts("AuditEvent").accepted, 3u);
  EXPECT_TRUE(parsed.sink.rejections.empty());
}

TEST(FhirParser, NestedBundlesAreRead) {
  std::string inner = R"({"resourceType":"Bundle","type":"searchset","entry":[{"resource":)" +
                      audit_with_id("inner") + "}]}";
  std::string outer = R"({"resourceType":"Bundle","type":"batch-response","entry":[)"
                      R"({"response":{"status":"200"}},{"resource":)" + inner + "},{\"resource\":" +
                      audit_with_id("outer") + "}]}";
  auto parsed = parse_text(outer);
  ASSERT_EQ(parsed.sink.events.size(), 2u);
  EXPECT_EQ(parsed.sink.events[0].id, "inner");
  EXPECT_EQ(parsed.sink.events[1].id, "outer");
  EXPECT_EQ(parsed.summary.by_type.count("Bundle"), 0u);
}

TEST(FhirParser, ByteOrderMarkIsSkipped) {
  auto parsed = parse_text("\xEF\xBB\xBF" + std::string(kAudit));
  EXPECT_EQ(parsed.sink.events.size(), 1u);
  EXPECT_TRUE(parsed.sink.rejections.empty());
}

TEST(FhirParser, EmptyInputGivesNothing) {
  for (std::string_view input : {"", "\n\n", "  \r\n\t\n"}) {
    auto parsed = parse_text(input);
    EXPECT_TRUE(parsed.result.has_value());
    EXPECT_TRUE(parsed.summary.by_type.empty());
    EXPECT_TRUE(parsed.sink.rejections.empty());
  }
}

// Keeps what it is given and counts the batches.
struct BatchCountingSink : ward::testing::CollectingSink {
  int calls = 0;
  Result<void> accept(ParsedRecords& records) override {
    ++calls;
    return CollectingSink::accept(records);
  }
};

TEST(FhirParser, FlushesInBatchesAndKeepsEveryEvent) {
  BatchCountingSink sink;
  std::string ndjson;
  for (int i = 0; i < 7; ++i) ndjson += audit_with_id("e" + std::to_string(i)) + "\n";
  ParseOptions options = with_fields();
  options.batch_size = 2;
  ParseContext ctx("batched.ndjson", sink, options);
  ASSERT_TRUE(parse_fhir(ndjson, ctx).has_value());
  EXPECT_EQ(sink.calls, 4);  // 2 + 2 + 2 + the last 1 at the end
  ASSERT_EQ(sink.events.size(), 7u);
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(sink.events[i].id, "e" + std::to_string(i));
    EXPECT_EQ(sink.events[i].source, "batched.ndjson");  // kept across flushes
    EXPECT_EQ(sink.events[i].user_id, "u1");
    // Field names are kept once per batch: each batch has its own.
    EXPECT_EQ(sink.events[i].field("agent.who.identifier.value"), "u1");
    EXPECT_EQ(sink.events[i].field("entity.what.reference"), "Patient/p1");
  }
}

TEST(FhirParser, LargeEventsAreFlushedBeforeTheBatchIsFull) {
  BatchCountingSink sink;
  // 40 events of ~100 KB each: 4 MB in all, far below the default 8192 events per batch.
  std::string big(100 * 1024, 'x');
  std::string ndjson;
  for (int i = 0; i < 40; ++i) {
    std::string e = audit_with_id("big" + std::to_string(i));
    e.insert(e.size() - 1, ",\"outcomeDesc\":\"" + big + "\"");
    ndjson += e + "\n";
  }
  ParseOptions options = with_fields();
  options.max_batch_bytes = 1 << 20;
  ParseContext ctx("big.ndjson", sink, options);
  ASSERT_TRUE(parse_fhir(ndjson, ctx).has_value());
  ASSERT_EQ(sink.events.size(), 40u);
  EXPECT_GE(sink.calls, 4);  // at most ~1 MiB of strings per batch
  EXPECT_EQ(sink.events[39].field("outcomeDesc").size(), big.size());
}

TEST(FhirParser, SinkFailureIsReturned) {
  struct FailingSink : RecordSink {
    Result<void> accept(ParsedRecords&) override {
      return fail(ErrorCode::storage, "disk full");
    }
  } sink;
  ParseContext ctx("x.ndjson", sink);
  Result<void> r = parse_fhir(kAudit, ctx);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::storage);
}

TEST(FhirParser, LooksLikeFhirJson) {
  EXPECT_TRUE(looks_like_fhir_json(kAudit));
  EXPECT_TRUE(looks_like_fhir_json("\xEF\xBB\xBF\n  {\n \"resourceType\": \"Bundle\""));
  EXPECT_FALSE(looks_like_fhir_json("MSH|^~\\&|..."));
  EXPECT_FALSE(looks_like_fhir_json("[{\"resourceType\":\"Patient\"}]"));
  EXPECT_FALSE(looks_like_fhir_json("{\"PatientId\": 12434}"));
  EXPECT_FALSE(looks_like_fhir_json("{" + std::string(5000, ' ') + "\"resourceType\":\"Patient\"}"));
  EXPECT_FALSE(looks_like_fhir_json(""));
}

// --- bad input -------------------------------------------------------------------------------

TEST(FhirParser, TruncatedLineIsRejectedAndTheNextLinesGoOn) {
  std::string line1 = audit_with_id("ok1");
  std::string line2 = audit_with_id("cut").substr(0, 60);
  std::string ndjson = line1 + "\n" + line2 + "\n" + audit_with_id("ok2") + "\n";
  auto parsed = parse_text(ndjson, "audit.ndjson");
  ASSERT_TRUE(parsed.result.has_value());
  const Rejection& r = only_rejection(parsed);
  EXPECT_EQ(r.record_type, "json line");
  EXPECT_EQ(r.error.code, ErrorCode::invalid_input);
  EXPECT_EQ(r.error.source, "audit.ndjson");
  EXPECT_EQ(r.error.line, 2u);
  EXPECT_EQ(r.error.offset, line1.size() + 1);
  EXPECT_EQ(r.error.field, "");  // the line as a whole is not JSON
  EXPECT_EQ(r.raw, line2);
  ASSERT_EQ(parsed.sink.events.size(), 2u);
  EXPECT_EQ(parsed.sink.events[1].id, "ok2");
}

TEST(FhirParser, TruncatedDocumentIsOneRejection) {
  std::string doc = ward::testing::read_file(
      ward::testing::shared_data("fhir/r4_examples/audit-event-example-login.json"));
  auto parsed = parse_text(doc.substr(0, doc.size() / 2), "login.json");
  const Rejection& r = only_rejection(parsed);
  EXPECT_EQ(r.record_type, "json line");
  EXPECT_EQ(r.error.source, "login.json");
  EXPECT_EQ(r.error.line, 1u);
  EXPECT_EQ(r.error.offset, 0u);
  EXPECT_EQ(r.error.field, "");
  EXPECT_TRUE(parsed.sink.events.empty());
}

TEST(FhirParser, UnknownResourceTypeIsSkippedNotRejected) {
  auto parsed = parse_text(R"({"resourceType":"Banana","id":"b1"})");
  EXPECT_TRUE(parsed.sink.rejections.empty());
  EXPECT_EQ(parsed.counts("Banana").skipped, 1u);
}

TEST(FhirParser, ResourceTypeThatIsNotAStringIsRejectedNamingTheField) {
  auto parsed = parse_text("{\"resourceType\":\"Patient\",\"id\":\"x\"}\n{\"resourceType\":42}\n",
                           "odd.ndjson");
  const Rejection& r = only_rejection(parsed);
  EXPECT_EQ(r.error.field, "resourceType");
  EXPECT_EQ(r.error.line, 2u);
  EXPECT_EQ(r.error.offset, std::string("{\"resourceType\":\"Patient\",\"id\":\"x\"}\n").size());
  EXPECT_EQ(r.error.source, "odd.ndjson");
  EXPECT_EQ(parsed.counts("Patient").accepted, 1u);
}

TEST(FhirParser, InvalidRecordedTimeIsRejectedNamingRecorded) {
  std::string bad = audit_with_id("bad");
  bad.replace(bad.find("2024-03-01T10:20:30Z"), 20, "2024-13-45T99:00:00Z");
  std::string ndjson = audit_with_id("ok") + "\n" + bad + "\n";
  auto parsed = parse_text(ndjson, "times.ndjson");
  const Rejection& r = only_rejection(parsed);
  EXPECT_EQ(r.record_type, "AuditEvent");
  EXPECT_EQ(r.error.code, ErrorCode::invalid_input);
  EXPECT_EQ(r.error.field, "recorded");
  EXPECT_EQ(r.error.line, 2u);
  EXPECT_EQ(r.error.offset, audit_with_id("ok").size() + 1);
  EXPECT_EQ(r.error.source, "times.ndjson");
  EXPECT_EQ(r.error.message.find("2024-13-45"), std::string::npos);
  EXPECT_EQ(parsed.counts("AuditEvent").accepted, 1u);
  EXPECT_EQ(parsed.counts("AuditEvent").rejected, 1u);
  ASSERT_EQ(parsed.sink.events.size(), 1u);
  EXPECT_EQ(parsed.sink.events[0].id, "ok");
}

TEST(FhirParser, MissingRecordedIsRejectedNamingRecorded) {
  auto parsed = parse_text(R"({"resourceType":"AuditEvent","id":"n","action":"R"})", "one.json");
  const Rejection& r = only_rejection(parsed);
  EXPECT_EQ(r.error.field, "recorded");
  EXPECT_EQ(r.error.line, 1u);
  EXPECT_EQ(r.error.source, "one.json");
  EXPECT_TRUE(parsed.sink.events.empty());
}

TEST(FhirParser, BadEntryInABundleNamesItsPathAndTheOthersGoOn) {
  std::string bad = audit_with_id("bad");
  const std::string recorded = "\"recorded\":\"2024-03-01T10:20:30Z\",";
  bad.erase(bad.find(recorded), recorded.size());
  std::string bundle = "{\n \"resourceType\": \"Bundle\",\n \"entry\": [\n  {\"resource\": " +
                       audit_with_id("good") + "},\n  {\"resource\": " + bad +
                       "},\n  {\"resource\": {\"resourceType\": \"Encounter\", \"id\": \"e1\", "
                       "\"period\": {\"start\": \"yesterday\"}}}\n ]\n}\n";
  auto parsed = parse_text(bundle, "bundle.json");
  ASSERT_EQ(parsed.sink.rejections.size(), 2u);
  const Rejection& r = parsed.sink.rejections[0];
  EXPECT_EQ(r.record_type, "AuditEvent");
  EXPECT_EQ(r.error.field, "entry[1].resource.recorded");
  EXPECT_EQ(r.error.line, 1u);
  EXPECT_EQ(r.error.source, "bundle.json");
  EXPECT_NE(r.raw.find("\"id\":\"bad\""), std::string::npos);  // the entry, not the whole Bundle
  EXPECT_EQ(r.raw.find("\"good\""), std::string::npos);
  const Rejection& enc = parsed.sink.rejections[1];
  EXPECT_EQ(enc.record_type, "Encounter");
  EXPECT_EQ(enc.error.field, "entry[2].resource.period.start");
  ASSERT_EQ(parsed.sink.events.size(), 1u);
  EXPECT_EQ(parsed.sink.events[0].id, "good");
}

TEST(FhirParser, InvalidDirectoryDatesAreRejectedNamingTheField) {
  auto parsed = parse_text(
      "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"period\":{\"start\":\"2024-01-01T10:00:00Z\","
      "\"end\":\"soon\"}}\n"
      "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"31/12/1970\"}\n"
      "{\"resourceType\":\"Practitioner\",\"id\":\"d1\",\"birthDate\":\"1970-02\"}\n",
      "dir.ndjson");
  ASSERT_EQ(parsed.sink.rejections.size(), 2u);
  EXPECT_EQ(parsed.sink.rejections[0].record_type, "Encounter");
  EXPECT_EQ(parsed.sink.rejections[0].error.field, "period.end");
  EXPECT_EQ(parsed.sink.rejections[0].error.line, 1u);
  EXPECT_EQ(parsed.sink.rejections[1].record_type, "Patient");
  EXPECT_EQ(parsed.sink.rejections[1].error.field, "birthDate");
  EXPECT_EQ(parsed.sink.rejections[1].error.line, 2u);
  EXPECT_EQ(parsed.sink.rejections[1].error.source, "dir.ndjson");
  EXPECT_EQ(parsed.sink.rejections[1].error.message.find("31/12/1970"), std::string::npos);
  ASSERT_EQ(parsed.sink.workforce.size(), 1u);  // a partial date is a valid FHIR date
  EXPECT_EQ(parsed.sink.workforce[0].birth_date, "1970-02");
}

TEST(FhirParser, MissingIdsAndReferencesAreRejectedNamingTheField) {
  auto parsed = parse_text(
      "{\"resourceType\":\"Encounter\",\"status\":\"finished\"}\n"
      "{\"resourceType\":\"PractitionerRole\",\"id\":\"r1\",\"code\":[{\"text\":\"nurse\"}]}\n"
      "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Doe\"}]}\n",
      "ids.ndjson");
  ASSERT_EQ(parsed.sink.rejections.size(), 3u);
  for (const Rejection& r : parsed.sink.rejections) EXPECT_EQ(r.error.source, "ids.ndjson");
  EXPECT_EQ(parsed.sink.rejections[0].error.field, "id");
  EXPECT_EQ(parsed.sink.rejections[0].error.line, 1u);
  EXPECT_EQ(parsed.sink.rejections[0].record_type, "Encounter");
  EXPECT_EQ(parsed.sink.rejections[1].error.field, "practitioner");
  EXPECT_EQ(parsed.sink.rejections[1].error.line, 2u);
  EXPECT_EQ(parsed.sink.rejections[2].error.field, "id");
  EXPECT_EQ(parsed.sink.rejections[2].error.line, 3u);
}

TEST(FhirParser, LineOverTheLimitIsTooLargeAndTheNextLineGoesOn) {
  ParseOptions options;
  options.max_record_bytes = 300;
  std::string big = audit_with_id(std::string(400, 'x'));
  std::string ndjson = big + "\n" + audit_with_id("small") + "\n";
  auto parsed = parse_text(ndjson, "big.ndjson", options);
  const Rejection& r = only_rejection(parsed);
  EXPECT_EQ(r.error.code, ErrorCode::too_large);
  EXPECT_EQ(r.record_type, "json line");
  EXPECT_EQ(r.error.line, 1u);
  EXPECT_EQ(r.error.offset, 0u);
  EXPECT_EQ(r.error.source, "big.ndjson");
  EXPECT_EQ(r.error.field, "");
  ASSERT_EQ(parsed.sink.events.size(), 1u);
  EXPECT_EQ(parsed.sink.events[0].id, "small");
}

TEST(FhirParser, BinaryGarbageIsRejectedWithoutCrashing) {
  std::mt19937 rng(20240301);
  std::string garbage(8192, '\0');
  for (char& c : garbage) c = static_cast<char>(rng() & 0xFF);
  auto parsed = parse_text(garbage, "garbage.bin");
  EXPECT_TRUE(parsed.result.has_value());
  EXPECT_TRUE(parsed.sink.events.empty());
  ASSERT_FALSE(parsed.sink.rejections.empty());
  for (const Rejection& r : parsed.sink.rejections) {
    EXPECT_EQ(r.record_type, "json line");
    EXPECT_EQ(r.error.source, "garbage.bin");
    EXPECT_GE(r.error.line, 1u);
    EXPECT_EQ(r.error.field, "");
  }
  // Garbage lines between good ones: each good line still arrives.
  std::string mixed = audit_with_id("g1") + "\n" + garbage.substr(0, 200) + "\n" +
                      audit_with_id("g2") + "\n";
  auto mixed_parsed = parse_text(mixed, "mixed.ndjson");
  ASSERT_EQ(mixed_parsed.sink.events.size(), 2u);
  EXPECT_EQ(mixed_parsed.sink.events[1].id, "g2");
  EXPECT_GE(mixed_parsed.sink.rejections.size(), 1u);
  EXPECT_EQ(mixed_parsed.sink.rejections[0].error.line, 2u);
}

// --- NDJSON read with parse_many ------------------------------------------------------------
// Large NDJSON goes through simdjson's parse_many, which cuts documents by their braces, not by
// lines; these inputs are many batches long with bad lines in the middle, and every bad line must
// get the line number and the message the line-by-line reading gives it.

struct StreamCase {
  std::string ndjson;
  std::vector<std::string> accepted_ids;  // in input order
  std::vector<std::uint64_t> rejected_lines;
  std::vector<std::uint64_t> rejected_offsets;
};

// `lines` good AuditEvents (ids "e<line>"), with the lines of `bad` (1-based) replaced by the
// given text.
StreamCase stream_case(int lines, const std::map<int, std::string>& bad) {
  StreamCase c;
  for (int line = 1; line <= lines; ++line) {
    auto b = bad.find(line);
    std::uint64_t offset = c.ndjson.size();
    if (b != bad.end()) {
      c.ndjson += b->second;
      if (!b->second.empty()) {
        c.rejected_lines.push_back(static_cast<std::uint64_t>(line));
        c.rejected_offsets.push_back(offset);
      }
    } else {
      std::string id = "e" + std::to_string(line);
      c.ndjson += audit_with_id(id);
      c.accepted_ids.push_back(id);
    }
    c.ndjson += '\n';
  }
  return c;
}

void expect_stream_result(const StreamCase& c, const Parsed& parsed) {
  ASSERT_TRUE(parsed.result.has_value()) << parsed.result.error().describe();
  std::vector<std::string> ids;
  for (const auto& e : parsed.sink.events) ids.push_back(e.id);
  EXPECT_EQ(ids, c.accepted_ids);
  std::vector<std::uint64_t> lines, offsets;
  for (const Rejection& r : parsed.sink.rejections) {
    lines.push_back(r.error.line);
    offsets.push_back(r.error.offset);
    EXPECT_EQ(r.error.source, "stream.ndjson");
    EXPECT_EQ(r.record_type, "json line");
  }
  EXPECT_EQ(lines, c.rejected_lines);
  EXPECT_EQ(offsets, c.rejected_offsets);
}

TEST(FhirParserStream, BrokenLinesThatWouldJoinIntoOneDocumentAreEachRejected) {
  // Lines 7001 and 7002 are each broken, but together they are one valid JSON object: NDJSON
  // says one record per line, so both are rejected and nothing is made of them.
  auto c = stream_case(15000, {{7001, R"({"resourceType":"AuditEvent","id":)"},
                               {7002, R"("joined","recorded":"2024-03-01T10:20:30Z"})"}});
  auto parsed = parse_text(c.ndjson, "stream.ndjson");
  expect_stream_result(c, parsed);
  ASSERT_EQ(parsed.sink.rejections.size(), 2u);
  EXPECT_EQ(parsed.sink.rejections[0].error.code, ErrorCode::invalid_input);
  EXPECT_EQ(parsed.sink.rejections[0].raw, R"({"resourceType":"AuditEvent","id":)");
}

TEST(FhirParserStream, TwoObjectsOnOneLineAreOneRejectedLine) {
  auto c = stream_case(12000, {{9000, std::string(kAudit) + " " + std::string(kAudit)}});
  auto parsed = parse_text(c.ndjson, "stream.ndjson");
  expect_stream_result(c, parsed);
}

TEST(FhirParserStream, BadLinesAllThroughAreRejectedWithTheirLineNumbers) {
  std::map<int, std::string> bad;
  for (int line = 5; line <= 40000; line += 2999) bad[line] = "{\"resourceType\":";
  bad[12345] = "42";                 // a JSON scalar, not a resource
  bad[23456] = "[1,2,3]";            // an array
  bad[34567] = "not json at all";
  auto c = stream_case(40000, bad);
  auto parsed = parse_text(c.ndjson, "stream.ndjson");
  expect_stream_result(c, parsed);
}

TEST(FhirParserStream, BlankLinesAndCrLfAreSkippedAndCountedAsLines) {
  std::map<int, std::string> bad;
  for (int line = 100; line <= 9000; line += 100) bad[line] = "";  // blank: no rejection
  bad[5001] = "{oops}";
  auto c = stream_case(9000, bad);
  // CRLF line ends on every line.
  std::string crlf;
  for (char ch : c.ndjson) {
    if (ch == '\n') crlf += '\r';
    crlf += ch;
  }
  std::uint64_t line_5001_offset = 0;
  for (int line = 1, i = 0; line < 5001; ++i)
    if (crlf[static_cast<std::size_t>(i)] == '\n') {
      ++line;
      line_5001_offset = static_cast<std::uint64_t>(i) + 1;
    }
  c.ndjson = crlf;
  c.rejected_offsets = {line_5001_offset};
  auto parsed = parse_text(c.ndjson, "stream.ndjson");
  expect_stream_result(c, parsed);
}

TEST(FhirParserStream, Latin1LineInTheMiddleIsRepairedAndAccepted) {
  std::string latin1 = audit_with_id("e6000");
  latin1.replace(latin1.find("u1"), 2, "Jos\xE9");  // é in Latin-1: not valid UTF-8
  auto c = stream_case(12000, {{6000, latin1}, {11000, "{"}});
  c.rejected_lines = {11000};
  c.rejected_offsets = {c.rejected_offsets.back()};
  c.accepted_ids.insert(c.accepted_ids.begin() + 5999, "e6000");
  auto parsed = parse_text(c.ndjson, "stream.ndjson");
  expect_stream_result(c, parsed);
  EXPECT_EQ(parsed.sink.events[5999].user_id, "Jos\xC3\xA9");
}

TEST(FhirParserStream, LineOverTheLimitInTheMiddleIsTooLarge) {
  ParseOptions options = with_fields();
  options.max_record_bytes = 1000;
  auto c = stream_case(12000, {{4321, audit_with_id(std::string(2000, 'x'))}});
  auto parsed = parse_text(c.ndjson, "stream.ndjson", options);
  expect_stream_result(c, parsed);
  ASSERT_EQ(parsed.sink.rejections.size(), 1u);
  EXPECT_EQ(parsed.sink.rejections[0].error.code, ErrorCode::too_large);
}

TEST(FhirParserStream, LargeNdjsonReadInPartsGivesWhatOneReaderGives) {
  // Over 32 MB of NDJSON is read by one reader per thread; the records and the rejections (with
  // their line numbers) must be the same as one reader's, whatever the order they arrive in.
  std::map<int, std::string> bad;
  for (int line = 17; line <= 200000; line += 24999) bad[line] = "{\"resourceType\":";
  auto c = stream_case(200000, bad);
  ASSERT_GT(c.ndjson.size(), std::size_t{32} << 20);
  auto sorted_ids = [](const Parsed& p) {
    std::vector<std::string> ids;
    for (const auto& e : p.sink.events) ids.push_back(e.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  auto rejected = [](const Parsed& p) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
    for (const Rejection& r : p.sink.rejections) out.emplace_back(r.error.line, r.error.offset);
    std::sort(out.begin(), out.end());
    return out;
  };
  ParseOptions one;
  one.threads = 1;
  ParseOptions four;
  four.threads = 4;
  auto by_one = parse_text(c.ndjson, "stream.ndjson", one);
  auto by_four = parse_text(c.ndjson, "stream.ndjson", four);
  expect_stream_result(c, by_one);
  ASSERT_TRUE(by_four.result.has_value());
  EXPECT_EQ(sorted_ids(by_four), sorted_ids(by_one));
  EXPECT_EQ(rejected(by_four), rejected(by_one));
  EXPECT_EQ(by_four.counts("AuditEvent").accepted, c.accepted_ids.size());
  EXPECT_EQ(by_four.counts("json line").rejected, c.rejected_lines.size());
}

TEST(FhirParser, JsonArrayIsRejectedAsNotAResource) {
  auto parsed = parse_text("[" + std::string(kAudit) + "]", "array.json");
  const Rejection& r = only_rejection(parsed);
  EXPECT_EQ(r.record_type, "json line");
  EXPECT_EQ(r.error.code, ErrorCode::invalid_input);
  EXPECT_NE(r.error.message.find("array"), std::string::npos);
  EXPECT_EQ(r.error.line, 1u);
  EXPECT_EQ(r.error.offset, 0u);
  EXPECT_EQ(r.error.source, "array.json");
  EXPECT_EQ(r.error.field, "");
  EXPECT_TRUE(parsed.sink.events.empty());
}

TEST(FhirParser, BundlesNestedTooDeepAreRejected) {
  std::string doc = audit_with_id("deep");
  for (int i = 0; i < 10; ++i) doc = R"({"resourceType":"Bundle","entry":[{"resource":)" + doc + "}]}";
  auto parsed = parse_text(doc, "deep.json");
  const Rejection& r = only_rejection(parsed);
  EXPECT_EQ(r.record_type, "Bundle");
  EXPECT_EQ(r.error.source, "deep.json");
  EXPECT_EQ(r.error.line, 1u);
  EXPECT_EQ(r.error.code, ErrorCode::unsupported);
  EXPECT_EQ(r.error.field.rfind("entry[0].resource.", 0), 0u);
  EXPECT_TRUE(parsed.sink.events.empty());
}

}  // namespace
}  // namespace ward::ingest

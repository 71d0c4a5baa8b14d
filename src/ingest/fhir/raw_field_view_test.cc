// The flat field view read on demand from the kept raw record (ParseOptions::keep_raw,
// ingest::FieldView) must be the very view that flattening while parsing (keep_fields) gives,
// on the public FHIR samples, in NDJSON and inside Bundles.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ingest/field_view.h"
#include "ingest/fhir/fhir_test_support.h"

namespace ward::ingest {
namespace {

using fhir_testing::golden;
using fhir_testing::parse_shared;
using fhir_testing::parse_text;

ParseOptions eager() {
  ParseOptions o;
  o.keep_fields = true;
  return o;
}

ParseOptions raw_only() {
  ParseOptions o;
  o.keep_fields = false;
  o.keep_raw = true;
  return o;
}

ParseOptions core_only() {
  ParseOptions o;
  o.keep_fields = false;
  return o;
}

void expect_same_views(fhir_testing::Parsed& flattened, fhir_testing::Parsed& on_demand,
                       const std::string& what) {
  ASSERT_TRUE(flattened.result) << what;
  ASSERT_TRUE(on_demand.result) << what;
  ASSERT_EQ(flattened.sink.events.size(), on_demand.sink.events.size()) << what;
  ASSERT_FALSE(flattened.sink.events.empty()) << what;
  for (std::size_t i = 0; i < flattened.sink.events.size(); ++i) {
    const auto& a = flattened.sink.events[i];
    const auto& b = on_demand.sink.events[i];
    EXPECT_FALSE(a.fields.empty()) << what << " event " << i;
    EXPECT_EQ(a.fields, b.fields) << what << " event " << i;
    EXPECT_EQ(a.patient_id, b.patient_id) << what << " event " << i;
    EXPECT_TRUE(a.raw.empty()) << "keep_fields alone keeps no raw record";
    EXPECT_FALSE(b.raw.empty()) << what << " event " << i;
  }
}

TEST(RawFieldView, SameFieldsAsFlatteningOnThePublicAuditEventExamples) {
  for (const char* file :
       {"fhir/r4_examples/audit-event-example-login.json",
        "fhir/r4_examples/audit-event-example-logout.json",
        "fhir/r4_examples/audit-event-example-media.json",
        "fhir/r4_examples/audit-event-example-pixQuery.json",
        "fhir/r4_examples/audit-event-example-search.json",
        "fhir/r4_examples/audit-event-example-vread.json",
        "fhir/r4_examples/auditevent-example-disclosure.json",
        "fhir/r4_examples/auditevent-example-error.json",
        "fhir/r4_examples/auditevent-example.json", "fhir/samples/Stu3__AuditEvent.json"}) {
    auto flattened = parse_shared(file, eager());
    auto on_demand = parse_shared(file, raw_only());
    expect_same_views(flattened, on_demand, file);
  }
}

TEST(RawFieldView, SameFieldsOnTheBalpPatterns) {
  for (const char* file : {"create.json", "read.json", "update-patch.json", "delete.json",
                           "query.json", "disclose-source.json"}) {
    const std::string text = ward::testing::read_file(golden(std::string("balp/") + file));
    auto flattened = parse_text(text, file, eager());
    auto on_demand = parse_text(text, file, raw_only());
    expect_same_views(flattened, on_demand, file);
  }
}

TEST(RawFieldView, RawIsTheNdjsonLineAndFieldsAreReadFromIt) {
  const std::string login = ward::testing::read_file(
      ward::testing::shared_data("fhir/r4_examples/audit-event-example-login.json"));
  const std::string search = ward::testing::read_file(
      ward::testing::shared_data("fhir/r4_examples/audit-event-example-search.json"));
  // One resource per line, as NDJSON has it.
  auto one_line = [](std::string json) {
    std::string out;
    for (char c : json)
      if (c != '\n' && c != '\r') out.push_back(c);
    return out;
  };
  const std::string first = one_line(login), second = one_line(search);
  const std::string ndjson = first + "\n" + second + "\n";
  auto on_demand = parse_text(ndjson, "two.ndjson", raw_only());
  ASSERT_TRUE(on_demand.result);
  ASSERT_EQ(on_demand.sink.events.size(), 2u);
  EXPECT_EQ(on_demand.sink.events[0].raw, first);
  EXPECT_EQ(on_demand.sink.events[1].raw, second);
  EXPECT_EQ(on_demand.sink.events[0].field("type.code"), "110114");
  EXPECT_EQ(on_demand.sink.events[0].field("agent.who.identifier.value"), "95");

  auto flattened = parse_text(ndjson, "two.ndjson", eager());
  expect_same_views(flattened, on_demand, "two.ndjson");
}

TEST(RawFieldView, ABundleEntryKeepsItsResourceAlone) {
  const std::string login = ward::testing::read_file(
      ward::testing::shared_data("fhir/r4_examples/audit-event-example-login.json"));
  const std::string vread = ward::testing::read_file(
      ward::testing::shared_data("fhir/r4_examples/audit-event-example-vread.json"));
  const std::string bundle = R"({"resourceType":"Bundle","type":"collection","entry":[)"
                             R"({"resource":)" + login + R"(},{"resource":)" + vread + "}]}";
  auto on_demand = parse_text(bundle, "bundle.json", raw_only());
  auto flattened = parse_text(bundle, "bundle.json", eager());
  expect_same_views(flattened, on_demand, "bundle.json");
  // Each event's raw record is its own resource, not the whole Bundle.
  for (const auto& e : on_demand.sink.events) {
    EXPECT_EQ(e.raw.find("\"Bundle\""), std::string::npos);
    EXPECT_EQ(e.raw.rfind("{\"resourceType\":\"AuditEvent\"", 0), 0u) << e.raw.substr(0, 60);
  }
}

TEST(RawFieldView, CoreOnlyParsingKeepsNeitherRawNorFields) {
  auto core = parse_shared("fhir/r4_examples/audit-event-example-login.json", core_only());
  ASSERT_TRUE(core.result);
  ASSERT_EQ(core.sink.events.size(), 1u);
  EXPECT_TRUE(core.sink.events[0].raw.empty());
  EXPECT_TRUE(core.sink.events[0].fields.empty());
  EXPECT_EQ(core.sink.events[0].action, Action::login);
}

TEST(RawFieldView, AnEventWhoseRawIsNotJsonHasNoFieldsAndNoCrash) {
  EventBatch batch;
  Event& e = batch.start_event();
  e.raw = batch.keep("{\"truncated\": [1, 2");
  e.raw_format = RawFormat::json;
  FieldView view;
  EXPECT_TRUE(view.of(batch, e).empty());
  EXPECT_EQ(view.value(batch, e, "truncated"), "");
}

}  // namespace
}  // namespace ward::ingest

namespace ward::ingest {
namespace {

TEST(RawFieldView, AskingAgainForTheSameRecordGivesTheSameFieldsAndAnotherRecordItsOwn) {
  EventBatch batch;
  Event& a = batch.start_event();
  a.raw = batch.keep(R"({"resourceType":"AuditEvent","type":{"code":"110114"}})");
  a.raw_format = RawFormat::json;
  Event& b = batch.start_event();
  b.raw = batch.keep(R"({"resourceType":"AuditEvent","type":{"code":"rest"},"action":"R"})");
  b.raw_format = RawFormat::json;
  FieldView view;
  const Event& first = batch.events()[0];
  const Event& second = batch.events()[1];
  EXPECT_EQ(view.value(batch, first, "type.code"), "110114");
  auto once = view.of(batch, first);
  auto again = view.of(batch, first);
  EXPECT_EQ(once.data(), again.data());  // read once
  EXPECT_EQ(view.value(batch, second, "type.code"), "rest");
  EXPECT_EQ(view.value(batch, second, "action"), "R");
  EXPECT_EQ(view.of(batch, first).size(), 2u);  // resourceType, type.code
}

}  // namespace
}  // namespace ward::ingest

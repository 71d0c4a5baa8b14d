// AuditEvent -> Event on the specification's examples (R4, STU3 and the STU3->R4 converter's
// output), on R4 fixtures written from the IHE BALP examples (tests/golden/fhir/balp), and on
// small documents for R5 names and the flat field view.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "core/time.h"
#include "ingest/fhir/fhir_test_support.h"
#include "testing/instants.h"

namespace ward::ingest {
namespace {

using fhir_testing::golden;
using fhir_testing::parse_shared;
using fhir_testing::parse_text;
using ward::testing::OwnedEvent;

using ward::testing::at;

// The single event parsed from a public sample; fails the test when there is not exactly one.
OwnedEvent only_event(std::string_view relative) {
  auto parsed = parse_shared(relative);
  EXPECT_TRUE(parsed.result.has_value());
  EXPECT_TRUE(parsed.sink.rejections.empty()) << relative;
  EXPECT_EQ(parsed.sink.events.size(), 1u) << relative;
  return parsed.sink.events.empty() ? OwnedEvent{} : parsed.sink.events.front();
}

TEST(FhirAuditEvent, LoginIsAnAuthenticationByTheRequestingUser) {
  OwnedEvent e = only_event("fhir/r4_examples/audit-event-example-login.json");
  EXPECT_EQ(e.id, "example-login");
  EXPECT_EQ(e.time, at("2013-06-20T23:41:23Z"));
  EXPECT_EQ(e.kind, EventKind::authentication);
  EXPECT_EQ(e.action, Action::login);
  EXPECT_EQ(e.outcome, Outcome::success);
  EXPECT_EQ(e.user_id, "95");
  EXPECT_EQ(e.user_name, "Grahame Grieve");
  EXPECT_EQ(e.role, "humanuser");
  EXPECT_EQ(e.ip, "127.0.0.1");
  EXPECT_EQ(e.host, "");  // network type 2: an IP address, not a machine name
  EXPECT_EQ(e.patient_id, "");
  EXPECT_NE(e.source.find("audit-event-example-login.json"), std::string::npos);
}

TEST(FhirAuditEvent, LogoutIsAnAuthentication) {
  OwnedEvent e = only_event("fhir/r4_examples/audit-event-example-logout.json");
  EXPECT_EQ(e.kind, EventKind::authentication);
  EXPECT_EQ(e.action, Action::logout);
  EXPECT_EQ(e.user_id, "95");
  EXPECT_EQ(e.time, at("2013-06-20T23:46:41Z"));
}

TEST(FhirAuditEvent, SearchByUser95FromWorkstation1) {
  OwnedEvent e = only_event("fhir/r4_examples/audit-event-example-search.json");
  EXPECT_EQ(e.kind, EventKind::ehr_access);
  EXPECT_EQ(e.action, Action::search);
  EXPECT_EQ(e.user_id, "95");
  EXPECT_EQ(e.user_name, "Grahame Grieve");
  // The requestor has no address; the other agent's machine name is where the request came from.
  EXPECT_EQ(e.ip, "Workstation1.ehr.familyclinic.com");
  EXPECT_EQ(e.host, "Workstation1.ehr.familyclinic.com");
  EXPECT_EQ(e.object, "http://fhir-dev.healthintersections.com.au/open/Encounter?participant=13");
  EXPECT_EQ(e.patient_id, "");
}

TEST(FhirAuditEvent, VreadOfThePatientResourceNamesThePatient) {
  OwnedEvent e = only_event("fhir/r4_examples/audit-event-example-vread.json");
  EXPECT_EQ(e.id, "example-rest");
  EXPECT_EQ(e.action, Action::read);
  EXPECT_EQ(e.kind, EventKind::ehr_access);
  EXPECT_EQ(e.patient_id, "example");
  EXPECT_EQ(e.object, "Patient/example/_history/1");
  EXPECT_EQ(e.user_id, "95");
}

TEST(FhirAuditEvent, PixQueryIsAQueryForAPatientKnownByIdentifier) {
  OwnedEvent e = only_event("fhir/r4_examples/audit-event-example-pixQuery.json");
  EXPECT_EQ(e.action, Action::query);
  EXPECT_EQ(e.kind, EventKind::ehr_access);
  EXPECT_EQ(e.user_id, "95");
  EXPECT_EQ(e.patient_mrn, "e3cdfc81a0d24bd");  // CX.1 of "e3cdfc81a0d24bd^^^&2.16…&ISO"
  EXPECT_EQ(e.patient_id, "e3cdfc81a0d24bd");   // no Patient reference: the MRN stands in
  // The base64 query is decoded and capped at 1 KB.
  EXPECT_EQ(e.object.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PRPA_IN201309UV02", 0), 0u);
  EXPECT_EQ(e.object.size(), 1024u);
  EXPECT_EQ(e.ip, "Workstation1.ehr.familyclinic.com");
}

TEST(FhirAuditEvent, MediaExportNamesTheExportedManifest) {
  OwnedEvent e = only_event("fhir/r4_examples/audit-event-example-media.json");
  EXPECT_EQ(e.action, Action::export_);
  EXPECT_EQ(e.kind, EventKind::ehr_access);
  EXPECT_EQ(e.user_id, "95");
  EXPECT_EQ(e.patient_mrn, "e3cdfc81a0d24bd");
  EXPECT_EQ(e.object, "DocumentManifest/example");
}

TEST(FhirAuditEvent, DisclosureHasItsPurposeAndRecipient) {
  OwnedEvent e = only_event("fhir/r4_examples/auditevent-example-disclosure.json");
  EXPECT_EQ(e.action, Action::disclose);
  EXPECT_EQ(e.kind, EventKind::ehr_access);
  EXPECT_EQ(e.purpose, "HMARKT");
  EXPECT_EQ(e.user_id, "SomeIdiot@nowhere");
  EXPECT_EQ(e.user_name, "That guy everyone wishes would be caught");
  EXPECT_EQ(e.role, "Source Role ID");  // DICOM 110153: the display rather than the number
  EXPECT_EQ(e.patient_id, "example");
  EXPECT_EQ(e.object, "Patient/example/_history/1");
  EXPECT_EQ(e.ip, "custodian.net");
  EXPECT_EQ(e.time, at("2013-09-22T00:08:00Z"));
}

TEST(FhirAuditEvent, FailedCreateIsAFailure) {
  OwnedEvent e = only_event("fhir/r4_examples/auditevent-example-error.json");
  EXPECT_EQ(e.action, Action::create);
  EXPECT_EQ(e.outcome, Outcome::failure);
  EXPECT_EQ(e.kind, EventKind::ehr_access);
  EXPECT_EQ(e.user_id, "95");
  EXPECT_EQ(e.object, "#o1");
}

TEST(FhirAuditEvent, ApplicationStartIsAnAuditByTheHumanUser) {
  OwnedEvent e = only_event("fhir/r4_examples/auditevent-example.json");
  EXPECT_EQ(e.kind, EventKind::audit);
  EXPECT_EQ(e.action, Action::execute);
  EXPECT_EQ(e.time, at("2012-10-25T11:04:27Z"));  // recorded with +11:00
  // No agent is the requestor: the human user is the actor.
  EXPECT_EQ(e.user_id, "Grahame");
  EXPECT_EQ(e.role, "Service User (Logon)");
  EXPECT_EQ(e.ip, "127.0.0.1");
  EXPECT_EQ(e.object, "Grahame's Laptop");
}

TEST(FhirAuditEvent, Stu3AndItsR4ConversionGiveTheSameEvent) {
  OwnedEvent stu3 = only_event("fhir/samples/Stu3__AuditEvent.json");
  OwnedEvent r4 = only_event("fhir/converter_r4/Stu3ToR4_expected__AuditEvent.json");
  for (const OwnedEvent* e : {&stu3, &r4}) {
    EXPECT_EQ(e->id, "example-pixQuery");
    EXPECT_EQ(e->time, at("2015-08-26T23:42:24Z"));
    EXPECT_EQ(e->action, Action::query);
    EXPECT_EQ(e->kind, EventKind::ehr_access);
    EXPECT_EQ(e->user_id, "95");
    EXPECT_EQ(e->user_name, "Grahame Grieve");
    EXPECT_EQ(e->ip, "Workstation1.ehr.familyclinic.com");
    EXPECT_EQ(e->object.substr(0, 38), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  }
  // STU3 entity.identifier names the patient. The converter's expected R4 output dropped that
  // identifier (its patient entity has type and role only), so no patient is left to find.
  EXPECT_EQ(stu3.patient_mrn, "e3cdfc81a0d24bd");
  EXPECT_EQ(r4.patient_mrn, "");
}

// --- BALP patterns ---------------------------------------------------------------------------

struct BalpExpectation {
  std::string file, action, kind, outcome, user_id, user_name, role, patient_id, object, purpose,
      ip;
};

std::string unescape_newlines(std::string s) {
  for (std::size_t p = s.find("\\n"); p != std::string::npos; p = s.find("\\n", p + 1))
    s.replace(p, 2, "\n");
  return s;
}

std::vector<BalpExpectation> balp_expectations() {
  std::ifstream in(golden("balp/expected.tsv"));
  EXPECT_TRUE(in.good());
  std::vector<BalpExpectation> out;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) { header = false; continue; }
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    cols.resize(11);
    out.push_back({cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7],
                   unescape_newlines(cols[8]), cols[9], cols[10]});
  }
  return out;
}

void expect_matches(const OwnedEvent& e, const BalpExpectation& x) {
  SCOPED_TRACE(x.file);
  EXPECT_EQ(to_string(e.action), x.action);
  EXPECT_EQ(to_string(e.kind), x.kind);
  EXPECT_EQ(to_string(e.outcome), x.outcome);
  EXPECT_EQ(e.user_id, x.user_id);
  EXPECT_EQ(e.user_name, x.user_name);
  EXPECT_EQ(e.role, x.role);
  EXPECT_EQ(e.patient_id, x.patient_id);
  EXPECT_EQ(e.object, x.object);
  EXPECT_EQ(e.purpose, x.purpose);
  EXPECT_EQ(e.ip, x.ip);
  EXPECT_EQ(e.time, at("2020-04-29T09:49:00Z"));
}

TEST(FhirAuditEventBalp, EachPatternClassifiesAsItsExampleSays) {
  auto expectations = balp_expectations();
  ASSERT_EQ(expectations.size(), 8u);
  for (const BalpExpectation& x : expectations) {
    auto parsed = parse_text(ward::testing::read_file(golden("balp/" + x.file)), x.file);
    ASSERT_EQ(parsed.sink.events.size(), 1u) << x.file;
    expect_matches(parsed.sink.events[0], x);
  }
}

TEST(FhirAuditEventBalp, NdjsonAndBundleGiveTheSameEvents) {
  auto expectations = balp_expectations();
  std::string ndjson, bundle = R"({"resourceType":"Bundle","type":"collection","entry":[)";
  for (const BalpExpectation& x : expectations) {
    std::string doc = ward::testing::read_file(golden("balp/" + x.file));
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    ASSERT_EQ(parser.parse(doc).get(root), simdjson::SUCCESS) << x.file;
    ndjson += simdjson::minify(root) + "\n";
    if (bundle.back() != '[') bundle += ",";
    bundle += R"({"fullUrl":"urn:uuid:x","resource":)" + doc + "}";
  }
  bundle += "]}";
  for (const std::string* input : {&ndjson, &bundle}) {
    auto parsed = parse_text(*input, "balp");
    ASSERT_TRUE(parsed.result.has_value());
    ASSERT_EQ(parsed.sink.events.size(), expectations.size());
    EXPECT_EQ(parsed.counts("AuditEvent").accepted, expectations.size());
    for (std::size_t i = 0; i < expectations.size(); ++i)
      expect_matches(parsed.sink.events[i], expectations[i]);
  }
}

// --- R5 names, fields ----------------------------------------------------------------------

TEST(FhirAuditEvent, R5NamesMapLikeR4) {
  // The R5 break-glass example (r5_auditevent_xml/auditevent-example-breakglass-start.xml) in JSON.
  auto parsed = parse_text(R"({"resourceType":"AuditEvent","id":"example-breakglass-start",
    "category":[{"coding":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110113"}]}],
    "code":{"coding":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110127",
            "display":"Emergency Override Started"}]},
    "action":"E","recorded":"2013-09-22T00:08:00Z",
    "outcome":{"code":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-outcome","code":"success"}},
    "authorization":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"ETREAT"}]}],
    "agent":[{"who":{"reference":"Practitioner/f001"},"requestor":true,"networkString":"custodian.net"}],
    "source":{"observer":{"display":"Watchers Accounting of Disclosures Application"}},
    "entity":[{"what":{"reference":"Patient/example"},
               "role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/object-role","code":"1"}]}}]})");
  ASSERT_EQ(parsed.sink.events.size(), 1u);
  const OwnedEvent& e = parsed.sink.events[0];
  EXPECT_EQ(e.outcome, Outcome::success);
  EXPECT_EQ(e.purpose, "ETREAT");
  EXPECT_EQ(e.user_id, "f001");
  EXPECT_EQ(e.ip, "custodian.net");
  EXPECT_EQ(e.patient_id, "example");
  EXPECT_EQ(e.kind, EventKind::ehr_access);
  EXPECT_EQ(e.action, Action::execute);
}

TEST(FhirAuditEvent, R5PatientElementAndNumericOutcome) {
  auto parsed = parse_text(
      R"({"resourceType":"AuditEvent","recorded":"2024-01-02T03:04:05Z","outcome":8,"action":"R",
          "patient":{"reference":"Patient/p7"},"agent":[{"who":{"identifier":{"value":"u1"}},"requestor":true}]})");
  ASSERT_EQ(parsed.sink.events.size(), 1u);
  EXPECT_EQ(parsed.sink.events[0].patient_id, "p7");
  EXPECT_EQ(parsed.sink.events[0].outcome, Outcome::failure);
  EXPECT_EQ(parsed.sink.events[0].action, Action::read);
  EXPECT_EQ(parsed.sink.events[0].field("outcome"), "8");
}

TEST(FhirAuditEvent, FieldsAreEveryLeafUnderItsDottedPath) {
  OwnedEvent e = only_event("fhir/r4_examples/audit-event-example-search.json");
  std::vector<std::string> who;
  for (const auto& [name, value] : e.fields)
    if (name == "agent.who.identifier.value") who.push_back(value);
  EXPECT_EQ(who, (std::vector<std::string>{"95", "2.16.840.1.113883.4.2"}));
  EXPECT_EQ(e.field("resourceType"), "AuditEvent");
  EXPECT_EQ(e.field("agent.requestor"), "true");
  EXPECT_EQ(e.field("subtype.code"), "search");
  EXPECT_EQ(e.field("entity.query"),
            "aHR0cDovL2ZoaXItZGV2LmhlYWx0aGludGVyc2VjdGlvbnMuY29tLmF1L29wZW4vRW5jb3VudGVyP3BhcnRpY2lwYW50PTEz");
  EXPECT_EQ(e.field("meta.tag.code"), "HTEST");
  for (const auto& [name, value] : e.fields) {
    EXPECT_EQ(name.find('['), std::string::npos) << name;
    EXPECT_FALSE(name.empty());
  }
}

TEST(FhirAuditEvent, FieldNamesStayRightPastTheRememberedPaths) {
  // More distinct keys than the flattener remembers: the rest are named field by field.
  std::string doc = R"({"resourceType":"AuditEvent","recorded":"2024-01-02T03:04:05Z","x":{)";
  for (int i = 0; i < 5000; ++i)
    doc += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":{\"v\":" + std::to_string(i) + "}";
  doc += "}}\n";
  auto parsed = parse_text(doc + doc, "keys.ndjson");
  ASSERT_EQ(parsed.sink.events.size(), 2u);
  for (const OwnedEvent& e : parsed.sink.events) {
    EXPECT_EQ(e.fields.size(), 5002u);
    EXPECT_EQ(e.field("x.k0.v"), "0");
    EXPECT_EQ(e.field("x.k4999.v"), "4999");
    EXPECT_EQ(e.field("recorded"), "2024-01-02T03:04:05Z");
  }
}

TEST(FhirAuditEvent, NoFieldsWhenKeepFieldsIsOff) {
  ParseOptions options;
  options.keep_fields = false;
  auto parsed = parse_shared("fhir/r4_examples/audit-event-example-search.json", options);
  ASSERT_EQ(parsed.sink.events.size(), 1u);
  EXPECT_TRUE(parsed.sink.events[0].fields.empty());
  EXPECT_EQ(parsed.sink.events[0].user_id, "95");
}

TEST(FhirAuditEvent, AgentReferenceGivesTheUserIdAndAltIdIsTheLastResort) {
  auto parsed = parse_text(
      "{\"resourceType\":\"AuditEvent\",\"recorded\":\"2024-01-02T03:04:05Z\",\"agent\":"
      "[{\"who\":{\"reference\":\"Practitioner/abc\",\"display\":\"Dr A\"},\"requestor\":true}]}\n"
      "{\"resourceType\":\"AuditEvent\",\"recorded\":\"2024-01-02T03:04:05Z\",\"agent\":"
      "[{\"altId\":\"alt-7\",\"requestor\":true,\"purposeOfUse\":[{\"coding\":[{\"code\":\"TREAT\"}]}]}]}\n");
  ASSERT_EQ(parsed.sink.events.size(), 2u);
  EXPECT_EQ(parsed.sink.events[0].user_id, "abc");
  EXPECT_EQ(parsed.sink.events[0].user_name, "Dr A");
  EXPECT_EQ(parsed.sink.events[1].user_id, "alt-7");
  EXPECT_EQ(parsed.sink.events[1].purpose, "TREAT");
}

}  // namespace
}  // namespace ward::ingest

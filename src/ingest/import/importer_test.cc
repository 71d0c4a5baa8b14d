// Format names and detection for `ward import`, and the log formats through the real store.
#include <gtest/gtest.h>

#include "ingest/import/importer.h"
#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using ward::testing::TempDir;

InputFormat detected(std::string_view head) {
  auto f = detect_format(head, CsvAccessMapping{});
  EXPECT_TRUE(f) << head;
  return f ? *f : InputFormat::automatic;
}

TEST(ImportFormats, NamesRoundTrip) {
  for (std::string_view name : {"auto", "fhir", "hl7v2", "csv-access", "roster", "zeek", "squid",
                                "dns-log", "syslog", "atna", "json-lines"}) {
    auto f = input_format_from(name);
    ASSERT_TRUE(f) << name;
    EXPECT_EQ(to_string(*f), name);
  }
  auto bad = input_format_from("bro");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("zeek"), std::string::npos);
}

TEST(ImportFormats, DetectsZeekTsvAndJson) {
  EXPECT_EQ(detected("#separator \\x09\n#set_separator\t,\n#path\tconn\n"), InputFormat::zeek);
  EXPECT_EQ(detected("{\"_path\":\"dns\",\"ts\":1521911720.6,\"query\":\"example.org\"}\n"),
            InputFormat::zeek);
  EXPECT_EQ(detected("{\"resourceType\":\"AuditEvent\",\"id\":\"a1\"}\n"), InputFormat::fhir);
  EXPECT_EQ(detected("MSH|^~\\&|EPIC|H|WARD|H|20240301||ADT^A01|1|P|2.5\r"), InputFormat::hl7v2);
}

TEST(ImportFormats, DetectsJsonLinesButLeavesZeekJsonAndFhirNdjsonToTheirOwnFormats) {
  EXPECT_EQ(detected(ward::testing::as_json_lines(ward::testing::shared_data(
                "sigma/regression_data/rules/windows/process_creation/proc_creation_win_reg_system_restore_modification/"
                "7c06ab9b-b1d2-4ba9-b06e-09491ded20d9.json"))),
            InputFormat::json_lines);
  EXPECT_EQ(detected("{\"@timestamp\":\"2026-11-30T09:00:00Z\",\"message\":\"x\"}\n"), InputFormat::json_lines);
  EXPECT_EQ(detected("{\"ts\":1521911720.6,\"uid\":\"C1\",\"query\":\"example.org\"}\n"), InputFormat::zeek);
  EXPECT_EQ(detected("{\"resourceType\":\"AuditEvent\",\"id\":\"a1\",\"recorded\":\"2026-11-30T09:00:00Z\"}\n"),
            InputFormat::fhir);
  auto pretty = detect_format("{\n  \"Event\": {}\n}\n", {});
  EXPECT_FALSE(pretty) << "one object over several lines is not JSON lines";
}

TEST(ImportFormats, DetectsSquidAccessLogs) {
  EXPECT_EQ(detected(ward::testing::read_file(
                ward::testing::shared_data("proxy_dns/squid_access.log"))),
            InputFormat::squid);
  EXPECT_EQ(detected("10.1.2.3 - - [24/Mar/2018:08:59:37 -0700] \"GET / HTTP/1.1\" 200 1 \"-\" "
                     "\"curl\" TCP_MISS:HIER_DIRECT\n"),
            InputFormat::squid);
}

TEST(ImportFormats, DetectsDnsLogsBeforeSyslog) {
  EXPECT_EQ(detected("client @0x7f8b1c0a8b20 10.0.0.1#53124 (example.com): query: example.com IN A "
                     "+E(0)K (10.0.0.53)\n"),
            InputFormat::dns_log);
  EXPECT_EQ(detected("<30>Mar 24 08:59:41 gw dnsmasq[812]: query[A] x.test from 10.0.0.5\n"),
            InputFormat::dns_log);
  EXPECT_EQ(detected("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - x\n"),
            InputFormat::syslog);
  EXPECT_EQ(detected("<38>Mar 24 08:59:37 web01 sshd[2231]: Accepted publickey for alice\n"),
            InputFormat::syslog);
  auto none = detect_format("Mar 24 08:59:37 web01 sshd[2231]: no PRI: name the format\n", {});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::unsupported);
}

TEST(ImportFormats, SyslogFileImportsIntoTheStore) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  ImportOptions options;
  options.format = InputFormat::syslog;
  auto report = import_buffer("<38>Mar 24 08:59:37 web01 sshd[2231]: Accepted publickey\n"
                              "Mar 24 08:59:38 web01 CRON[1]: (root) CMD (true)\n"
                              "<999>garbage\n",
                              "messages", **store, options);
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->summary.by_type.at("syslog message").accepted, 2u);
  EXPECT_EQ(report->summary.by_type.at("syslog message").rejected, 1u);
  ASSERT_EQ(report->first_rejections.size(), 1u);
  EXPECT_EQ(report->first_rejections[0].describe(),
            "messages:3: pri: expected <PRI> with a number from 0 to 191");
}

TEST(ImportFormats, AtnaAuditMessagesAreDetectedAndImported) {
  const std::string message =
      "<?xml version=\"1.0\"?>\n<AuditMessage><EventIdentification EventActionCode=\"R\" "
      "EventDateTime=\"2026-03-02T10:00:00+01:00\" EventOutcomeIndicator=\"0\"><EventID "
      "csd-code=\"110110\" codeSystemName=\"DCM\" originalText=\"Patient Record\"/>"
      "</EventIdentification><ActiveParticipant UserID=\"jdoe\" UserIsRequestor=\"true\"/>"
      "<ParticipantObjectIdentification ParticipantObjectID=\"MRN-1^^^&amp;1.2.3&amp;ISO\" "
      "ParticipantObjectTypeCode=\"1\" ParticipantObjectTypeCodeRole=\"1\"/></AuditMessage>\n";
  EXPECT_EQ(detected(message), InputFormat::atna);
  EXPECT_EQ(detected("\xef\xbb\xbf<AuditMessage>"), InputFormat::atna);
  auto fhir_xml =
      detect_format("<?xml version=\"1.0\"?>\n<AuditEvent xmlns=\"http://hl7.org/fhir\">", {});
  ASSERT_FALSE(fhir_xml);  // XML that is not ATNA is not taken for it
  EXPECT_EQ(fhir_xml.error().code, ErrorCode::unsupported);

  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  auto report = import_buffer(message + message.substr(0, 80), "audit.xml", **store, {});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->format, InputFormat::atna);
  EXPECT_EQ(report->summary.by_type.at("ATNA audit message").accepted, 1u);
  EXPECT_EQ(report->summary.by_type.at("ATNA audit message").rejected, 1u);
  ASSERT_EQ(report->first_rejections.size(), 1u);
  EXPECT_EQ(report->first_rejections[0].field, "xml");
  EXPECT_EQ(report->first_rejections[0].line, 4u);  // the copy cut short ends on line 4
  auto stored = (*store)->counts();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->events, 1u);
}

TEST(ImportFormats, TheSameZeekLogInTsvAndJsonIsStoredOnce) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  const auto logs = ward::testing::shared_data("zeek_logs");
  auto reports = import_paths({logs / "zeek-default/smtp.log.gz", logs / "zeek-json/smtp.json.gz"},
                              **store, {});
  ASSERT_TRUE(reports) << reports.error().describe();
  ASSERT_EQ(reports->size(), 2u);
  EXPECT_EQ((*reports)[0].format, InputFormat::zeek);
  EXPECT_EQ((*reports)[1].format, InputFormat::zeek);
  EXPECT_EQ((*reports)[0].summary.by_type.at("zeek smtp").accepted, 1188u);
  EXPECT_EQ((*reports)[0].summary.rejected(), 0u);
  // Same uid, transaction and time: the JSON copy of each record is a duplicate.
  EXPECT_EQ((*reports)[1].summary.by_type.at("zeek smtp").duplicates, 1188u);
  auto stored = (*store)->counts();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->events, 1188u);
}

TEST(ImportOrder, TheDirectorysFilesGoFirstThenTheEvents) {
  EXPECT_TRUE(holds_directory_records(InputFormat::roster, "employee_id,name\n"));
  EXPECT_TRUE(holds_directory_records(InputFormat::hl7v2, "MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5\r"));
  EXPECT_TRUE(holds_directory_records(InputFormat::fhir, "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n"));
  EXPECT_FALSE(holds_directory_records(InputFormat::fhir, "{\"resourceType\":\"AuditEvent\",\"id\":\"a1\"}\n"));
  EXPECT_FALSE(holds_directory_records(InputFormat::csv_access, "event_id,timestamp,user_id\n"));
  EXPECT_FALSE(holds_directory_records(InputFormat::syslog, "<38>Mar 24 08:59:37 web01 sshd[1]: x\n"));

  // Real samples, named so that name order would put the events first.
  TempDir dir;
  const auto in = dir.path() / "in";
  std::filesystem::create_directories(in);
  const auto sample = [](std::string_view p) { return ward::testing::shared_data(p); };
  std::filesystem::copy_file(sample("fhir/r4_examples/auditevent-example.json"), in / "a_audit.json");
  std::filesystem::copy_file(sample("hl7v2/ADT-A01-01.hl7"), in / "b_adt.hl7");
  std::filesystem::copy_file(sample("fhir/r4_examples/patient-example.json"), in / "c_patient.json");
  auto store = store::open_sqlite_store(dir.path() / "store");
  ASSERT_TRUE(store) << store.error().describe();
  ImportOptions options;
  int calls = 0;
  store::StoreCounts at_call;
  options.before_event_files = [&] {
    ++calls;
    auto counts = (*store)->counts();
    ASSERT_TRUE(counts);
    at_call = *counts;
  };
  auto reports = import_paths({in}, **store, options);
  ASSERT_TRUE(reports) << reports.error().describe();
  ASSERT_EQ(reports->size(), 3u);
  EXPECT_EQ((*reports)[0].path.filename(), "b_adt.hl7");
  EXPECT_EQ((*reports)[1].path.filename(), "c_patient.json");
  EXPECT_EQ((*reports)[2].path.filename(), "a_audit.json");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(at_call.events, 0u) << "called before the first event file";
  EXPECT_EQ(at_call.patients, 2u) << "after the ADT's and the FHIR Patient";
  auto counts = (*store)->counts();
  ASSERT_TRUE(counts);
  EXPECT_GT(counts->events, 0u);
}

}  // namespace
}  // namespace ward::ingest

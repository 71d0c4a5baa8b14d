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
  for (std::string_view name : {"auto", "fhir", "hl7v2", "csv-access", "roster", "zeek", "squid"}) {
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

TEST(ImportFormats, DetectsSquidAccessLogs) {
  EXPECT_EQ(detected(ward::testing::read_file(
                ward::testing::shared_data("proxy_dns/squid_access.log"))),
            InputFormat::squid);
  EXPECT_EQ(detected("10.1.2.3 - - [24/Mar/2018:08:59:37 -0700] \"GET / HTTP/1.1\" 200 1 \"-\" "
                     "\"curl\" TCP_MISS:HIER_DIRECT\n"),
            InputFormat::squid);
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

}  // namespace
}  // namespace ward::ingest

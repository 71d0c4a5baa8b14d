// The importer with the real store behind it, on the public samples: what a user sees when a
// file is imported twice — also logs whose lines carry no id (content ids, content_id.h).
#include <fstream>

#include <gtest/gtest.h>

#include "ingest/import/importer.h"
#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using ward::testing::TempDir;

TEST(ImportIntoStore, TheSameFilesImportedTwiceAreReportedAsDuplicatesAndStoredOnce) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  // The FHIR specification's AuditEvent examples, each with its id and time.
  const std::filesystem::path samples = ward::testing::shared_data("fhir/r4_examples");

  // As `ward import` does it: the first import into an empty store is a bulk load.
  auto bulk = (*store)->begin_bulk_load();
  ASSERT_TRUE(bulk && *bulk);
  auto first = import_paths({samples}, **store, {});
  ASSERT_TRUE(first) << first.error().describe();
  auto built = (*bulk)->finish();
  ASSERT_TRUE(built) << built.error().describe();
  ImportSummary once;
  for (const FileReport& r : *first) once.merge(r.summary);
  const std::uint64_t audit_events = once.by_type["AuditEvent"].accepted;
  ASSERT_GE(audit_events, 9u);
  EXPECT_EQ(once.duplicates(), 0u);
  auto stored = (*store)->counts();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->events, audit_events);

  auto second = import_paths({samples}, **store, {});
  ASSERT_TRUE(second) << second.error().describe();
  ImportSummary twice;
  for (const FileReport& r : *second) {
    twice.merge(r.summary);
    // Each file says how many of its own events were there already.
    EXPECT_EQ(r.summary.duplicates(), r.summary.by_type.contains("AuditEvent")
                                          ? r.summary.by_type.at("AuditEvent").accepted : 0u)
        << r.path;
  }
  EXPECT_EQ(twice.by_type["AuditEvent"].accepted, audit_events);
  EXPECT_EQ(twice.by_type["AuditEvent"].duplicates, audit_events);
  EXPECT_EQ(twice.rejected(), once.rejected());
  auto after = (*store)->counts();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->events, audit_events);
}

// Imports `paths` and returns the summary; the import must succeed.
ImportSummary import_once(store::Store& store, const std::vector<std::filesystem::path>& paths) {
  ImportSummary total;
  auto reports = import_paths(paths, store, {});
  EXPECT_TRUE(reports) << reports.error().describe();
  if (!reports) return total;
  for (const FileReport& r : *reports) {
    EXPECT_FALSE(r.failure) << r.failure->describe();
    total.merge(r.summary);
  }
  return total;
}

TEST(ImportIntoStore, LogLinesWithoutIdsImportedTwiceAreStoredOnceAndCopiesInAFileStayApart) {
  TempDir dir, inputs;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  // The real squid sample (two CONNECT lines a millisecond apart, one with a double space), a
  // syslog file where sshd wrote the same line twice in one second, and a dnsmasq log.
  const auto syslog = inputs.path() / "auth.log";
  std::ofstream(syslog) << "<38>1 2026-11-30T10:00:00Z ws-12 sshd 411 - - Failed password for root from 203.0.113.9\n"
                           "<38>1 2026-11-30T10:00:00Z ws-12 sshd 411 - - Failed password for root from 203.0.113.9\n"
                           "<38>1 2026-11-30T10:00:01Z ws-12 sshd 411 - - Connection closed by 203.0.113.9\n";
  const auto dns = inputs.path() / "dnsmasq.log";
  std::ofstream(dns) << "Nov 30 10:00:00 gw dnsmasq[512]: query[A] chat.example.ai from 10.1.2.3\n"
                        "Nov 30 10:00:00 gw dnsmasq[512]: query[AAAA] chat.example.ai from 10.1.2.3\n";
  const std::vector<std::filesystem::path> paths = {ward::testing::shared_data("proxy_dns/squid_access.log"), syslog,
                                                    dns};

  const ImportSummary once = import_once(**store, paths);
  EXPECT_EQ(once.by_type.at("squid access").accepted, 8u);
  EXPECT_EQ(once.by_type.at("syslog message").accepted, 3u);
  EXPECT_EQ(once.by_type.at("dnsmasq line").accepted, 2u);
  EXPECT_EQ(once.duplicates(), 0u) << "the copy in auth.log is an event of its own";
  auto stored = (*store)->counts();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->events, 13u);

  const ImportSummary twice = import_once(**store, paths);
  EXPECT_EQ(twice.accepted(), once.accepted());
  EXPECT_EQ(twice.duplicates(), 13u) << "every line was stored the first time";
  auto after = (*store)->counts();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->events, 13u);
}

TEST(ImportIntoStore, JsonLinesImportedTwiceAreStoredOnce) {
  TempDir dir, inputs;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  // SigmaHQ's regression events of two rules (4 and 7 events), compacted one per line.
  const auto events = inputs.path() / "windows.jsonl";
  std::ofstream(events)
      << ward::testing::as_json_lines(ward::testing::shared_data(
             "sigma/regression_data/rules/windows/process_creation/proc_creation_win_reg_system_restore_modification/"
             "7c06ab9b-b1d2-4ba9-b06e-09491ded20d9.json"))
      << ward::testing::as_json_lines(ward::testing::shared_data(
             "sigma/regression_data/rules/windows/file/file_event/file_event_win_hktl_netexec_file_indicators/"
             "efc21479-9e83-41da-8cf1-122e06ba8db3.json"));
  const ImportSummary once = import_once(**store, {events});
  EXPECT_EQ(once.by_type.at("json line").accepted, 11u);
  EXPECT_EQ(once.duplicates(), 0u);
  const ImportSummary twice = import_once(**store, {events});
  EXPECT_EQ(twice.by_type.at("json line").accepted, 11u);
  EXPECT_EQ(twice.by_type.at("json line").duplicates, 11u);
  auto counts = (*store)->counts();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->events, 11u);
  auto page = (*store)->find_events({});
  ASSERT_TRUE(page) << page.error().describe();
  ASSERT_EQ(page->rows.size(), 11u);
  for (const store::EventRow& row : page->rows) EXPECT_EQ(row.format, EventFormat::json_lines) << row.seq;
}

}  // namespace
}  // namespace ward::ingest

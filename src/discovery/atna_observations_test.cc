#include "discovery/atna_observations.h"

#include <gtest/gtest.h>

#include "discovery/discovery_test_support.h"

#include "core/file_reader.h"
#include "discovery/discovery_run.h"
#include "discovery/medical_hints.h"
#include "testing/shared_data.h"

namespace ward::discovery {
namespace {

using testing_support::find;
using testing_support::read_bytes;

using Values = std::vector<std::string>;

TEST(AtnaObservations, SourceAndDestinationBecomeDicomHostsWithTheirAeTitles) {
  AssetTable table;
  auto read = read_atna_observations(read_bytes("tests/golden/discovery/dicom-instances-transferred.xml"),
                                     "audit.xml", AtnaFraming::xml, table);
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_TRUE(read->rejected.empty());
  EXPECT_EQ(read->records.at("ATNA audit message"), 2u);
  const std::vector<DiscoveredAsset> assets = table.assets();
  ASSERT_EQ(assets.size(), 3u);  // the technologist's console is a host name, not an address

  const DiscoveredAsset* ct = find(assets, "ip:10.20.7.31");
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->protocols.values(), Values{"dicom"});
  EXPECT_EQ(ct->applications.values(), Values{"DICOM AE CT_SCANNER_3"});
  EXPECT_EQ(ct->first_seen, *parse_iso8601("2026-03-02T08:40:00Z"));
  EXPECT_EQ(ct->sources.values(), Values{"audit.xml"});

  const DiscoveredAsset* pacs = find(assets, "ip:10.20.5.9");
  ASSERT_NE(pacs, nullptr);
  // Both titles of the AETITLES list, the padding trimmed; not the DICOMweb URL of the query.
  EXPECT_EQ(pacs->applications.values(), (Values{"DICOM AE PACS_ARCHIVE", "DICOM AE PACS_STORE"}));
  EXPECT_EQ(pacs->first_seen, *parse_iso8601("2026-03-02T08:40:00Z"));
  EXPECT_EQ(pacs->last_seen, *parse_iso8601("2026-03-02T09:05:00Z"));
  EXPECT_EQ(medical_hints(*pacs), Values{"DICOM application entity PACS_ARCHIVE"});

  const DiscoveredAsset* viewer = find(assets, "ip:10.20.4.17");
  ASSERT_NE(viewer, nullptr);  // no NetworkAccessPointTypeCode: an address all the same
  EXPECT_EQ(viewer->applications.values(), Values{"DICOM AE VIEWER_RR07"});
}

TEST(AtnaObservations, APersonsWorkstationIsAHostWithoutAnAeTitle) {
  // tests/golden/atna: jdoe at 10.20.4.17 (a person: UserTypeCode 1) runs a query.
  AssetTable table;
  auto read = read_atna_observations(read_bytes("tests/golden/atna/dicom-query.xml"), "q.xml", AtnaFraming::xml, table);
  ASSERT_TRUE(read);
  const std::vector<DiscoveredAsset> assets = table.assets();
  ASSERT_EQ(assets.size(), 1u);  // pacs.example.org is a machine name
  EXPECT_EQ(assets[0].key, "ip:10.20.4.17");
  EXPECT_EQ(assets[0].protocols.values(), Values{"dicom"});
  EXPECT_TRUE(assets[0].applications.empty());
}

TEST(AtnaObservations, SyslogLinesCarryingAuditMessagesAreReadAndBadOnesNamed) {
  // atna-over-syslog.log: audit messages inside RFC 5424 lines; one cut short, one plain line.
  AssetTable table;
  ObserveOptions all;
  all.local_only = false;
  auto read = read_atna_observations(read_bytes("tests/golden/atna/atna-over-syslog.log"), "atna-over-syslog.log",
                                     AtnaFraming::syslog, table, all);
  ASSERT_TRUE(read) << read.error().describe();
  ASSERT_EQ(read->rejected.size(), 1u);  // the message cut short
  EXPECT_EQ(read->rejected[0].source, "atna-over-syslog.log");
  const std::vector<DiscoveredAsset> assets = table.assets();
  const DiscoveredAsset* outside = find(assets, "ip:192.0.2.80");
  ASSERT_NE(outside, nullptr);
  EXPECT_EQ(outside->applications.values(), Values{"DICOM AE OUTSIDE_HOSP_AE"});

  AssetTable local;
  auto local_only = read_atna_observations(read_bytes("tests/golden/atna/atna-over-syslog.log"), "atna-over-syslog.log",
                                           AtnaFraming::syslog, local);
  ASSERT_TRUE(local_only);
  EXPECT_EQ(find(local.assets(), "ip:192.0.2.80"), nullptr);  // a public address: counted, not kept
  EXPECT_GT(local_only->public_skipped, 0u);
}

TEST(DiscoverFiles, TellsAuditMessagesFromZeekLogsByTheirFirstBytes) {
  testing::TempDir dir;
  DiscoverOptions options;
  options.oui_file.clear();
  auto run = discover_files(dir.path(),
                            {"tests/golden/discovery/conn.log", "tests/golden/discovery/dicom-instances-transferred.xml"},
                            options);
  ASSERT_TRUE(run) << run.error().describe();
  EXPECT_EQ(run->summary.records.at("zeek conn"), 4u);
  EXPECT_EQ(run->summary.records.at("ATNA audit message"), 2u);
  auto stored = DiscoveryStore::open(dir.path())->assets();
  ASSERT_TRUE(stored);
  // The DICOM SCP conn.log saw answering on 104/tcp is the archive the audit names.
  const DiscoveredAsset* pacs = find(*stored, "ip:10.20.5.9");
  ASSERT_NE(pacs, nullptr);
  EXPECT_EQ(pacs->protocols.values(), (Values{"conn", "dicom"}));
  EXPECT_EQ(pacs->services.values(), Values{"104/tcp"});
  EXPECT_EQ(pacs->applications.values().size(), 2u);
}

}  // namespace
}  // namespace ward::discovery

#include "discovery/discovery_run.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "devices/device_store.h"
#include "discovery/oui_table.h"
#include "testing/shared_data.h"

namespace ward::discovery {
namespace {

const std::vector<std::filesystem::path> kFiles = {"tests/golden/discovery/conn.log", "tests/golden/discovery/dhcp.log"};

TEST(DiscoverFiles, ARunAgainOverTheSameLogsChangesNothing) {
  testing::TempDir dir;
  DiscoverOptions options;
  options.oui_file.clear();
  auto first = discover_files(dir.path(), kFiles, options);
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->saved.added, first->hosts);
  EXPECT_EQ(first->summary.rejected.size(), 1u);  // conn.log line 12
  auto stored = DiscoveryStore::open(dir.path())->assets();
  ASSERT_TRUE(stored);

  auto second = discover_files(dir.path(), kFiles, options);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->saved.added, 0u);
  EXPECT_EQ(second->saved.updated, 0u);
  EXPECT_EQ(second->saved.unchanged, first->hosts);
  EXPECT_EQ(*DiscoveryStore::open(dir.path())->assets(), *stored);
}

TEST(DiscoverFiles, AnAddressSeenAloneInOneRunJoinsItsMacWhenALaterRunShowsTheLease) {
  testing::TempDir dir;
  DiscoverOptions options;
  options.oui_file.clear();
  ASSERT_TRUE(discover_files(dir.path(), {kFiles[0]}, options));
  auto later = discover_files(dir.path(), {kFiles[1]}, options);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->saved.removed, 2u);  // ip:10.20.1.17 and ip:10.20.1.50
  auto assets = DiscoveryStore::open(dir.path())->assets();
  ASSERT_TRUE(assets);
  for (const DiscoveredAsset& a : *assets) EXPECT_NE(a.key, "ip:10.20.1.17");
}

// A syslog file of other messages is read without error and gives no host: the run says the
// file held no ATNA audit message, so that "0 observations" is not read as an empty network.
TEST(DiscoverFiles, ASyslogFileWithoutAtnaMessagesIsNamedInANote) {
  testing::TempDir dir;
  const std::filesystem::path plain = dir.path() / "messages.log";
  testing::write_file(plain,
                      "<34>1 2026-11-01T10:00:00Z fw01 filterlog - - - block in on em0 from 10.1.2.3\n"
                      "<86>Nov  1 10:00:01 app02 sshd[311]: Accepted publickey for deploy from 10.1.2.9 port 52100\n");
  DiscoverOptions options;
  options.oui_file.clear();
  auto run = discover_files(dir.path(), {plain, "tests/golden/discovery/dicom-instances-transferred.xml"}, options);
  ASSERT_TRUE(run) << run.error().describe();
  EXPECT_TRUE(run->errors.empty());
  EXPECT_TRUE(run->summary.rejected.empty());
  ASSERT_EQ(run->summary.notes.size(), 1u) << "the ATNA file gives hosts and no note";
  EXPECT_EQ(run->summary.notes[0], plain.string() + ": 2 syslog messages, none of them an ATNA audit message: discovery reads "
                                                    "ATNA audit messages (alone or inside syslog) and Zeek logs; `ward import` "
                                                    "takes other syslog");
  EXPECT_GT(run->hosts, 0u);
}

TEST(DiscoveredView, ReconcilesTheStoredHostsWithTheImportedInventory) {
  testing::TempDir dir;
  DiscoverOptions options;
  options.oui_file = std::filesystem::path(kDebianOuiCsv);
  if (!std::filesystem::exists(options.oui_file)) options.oui_file.clear();
  ASSERT_TRUE(discover_files(dir.path(), kFiles, options));
  auto devices = devices::DeviceStore::open(dir.path());
  ASSERT_TRUE(devices);
  devices::Device pump, gateway, xray;
  pump.device_id = "PUMP-07";
  pump.mac = "00-09-5C-12-34-56";
  pump.ip = "10.20.1.18";  // the CMMS is out of date
  gateway.device_id = "HL7-GW";
  gateway.ip = "10.20.5.5";
  xray.device_id = "XR-1";
  xray.ip = "10.20.9.9";
  for (devices::Device* d : {&pump, &gateway, &xray}) d->manufacturer = d->model = "m";  // required columns
  ASSERT_TRUE(devices->upsert_devices({pump, gateway, xray}));

  auto view = discovered_view(dir.path(), RowFilter::all);
  ASSERT_TRUE(view);
  std::map<std::string, const ReconciledRow*> by_device;
  std::size_t new_hosts = 0;
  for (const ReconciledRow& r : (*view)->rows) {
    if (r.device != nullptr) by_device[r.device->device_id] = &r;
    if (r.status == Reconciled::new_device) ++new_hosts;
  }
  ASSERT_TRUE(by_device.contains("PUMP-07"));
  EXPECT_EQ(by_device["PUMP-07"]->basis, "mac");
  ASSERT_EQ(by_device["PUMP-07"]->conflicts.size(), 1u);
  EXPECT_EQ(by_device["PUMP-07"]->conflicts[0].observed, "10.20.1.17");
  EXPECT_EQ(by_device["HL7-GW"]->basis, "ip");
  EXPECT_EQ(by_device["XR-1"]->status, Reconciled::unseen);
  EXPECT_EQ(new_hosts, 5u);  // the workstation, 10.20.1.60, the DICOM SCP, 10.20.5.99, the DHCP server
  if (!options.oui_file.empty()) {
    EXPECT_EQ(by_device["PUMP-07"]->asset->vendor.rfind("Philips Medical Systems", 0), 0u);
  }

  auto conflicts = discovered_view(dir.path(), RowFilter::conflicts);
  ASSERT_TRUE(conflicts);
  ASSERT_EQ((*conflicts)->rows.size(), 1u);
  EXPECT_EQ((*conflicts)->rows[0].device->device_id, "PUMP-07");
  auto inventory = devices->devices();
  ASSERT_TRUE(inventory);
  EXPECT_EQ((*inventory)[1].ip, "10.20.1.18");  // sorted by id: HL7-GW, PUMP-07, XR-1; not overwritten
}

TEST(OuiTable, ReadsTheIeeeRegistryCsvWithQuotedNames) {
  auto table = OuiTable::parse(
      "Registry,Assignment,Organization Name,Organization Address\n"
      "MA-L,00095C,Philips Medical Systems - Cardiac and Monitoring Systems (CM,3000 Minuteman Road Andover MA US 01810 \n"
      "MA-L,00A037,\"Mindray DS USA, Inc.\",800 MacArthur Blvd. Mahwah NJ US 07430 \n"
      "MA-L,XYZ,broken,\n",
      "oui.csv");
  ASSERT_TRUE(table);
  EXPECT_EQ(table->size(), 2u);
  EXPECT_EQ(table->skipped(), 1u);
  EXPECT_EQ(table->vendor("00:a0:37:01:02:03"), "Mindray DS USA, Inc.");
  EXPECT_EQ(table->vendor("00:09:5c:aa:bb:cc").substr(0, 23), "Philips Medical Systems");
  EXPECT_EQ(table->vendor("02:00:00:00:00:01"), "");
  auto bad = OuiTable::parse("a,b\n1,2\n", "x.csv");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().source, "x.csv");
}

TEST(OuiTable, DebiansIeeeDataNamesTheMakersTheHintsList) {
  if (!std::filesystem::exists(std::filesystem::path(kDebianOuiCsv)))
    GTEST_SKIP() << kDebianOuiCsv << " is missing: scripts/setup installs ieee-data";
  auto table = OuiTable::load(std::filesystem::path(kDebianOuiCsv));
  ASSERT_TRUE(table);
  EXPECT_GT(table->size(), 30000u);
  EXPECT_EQ(table->vendor("00:a0:aa:00:00:01"), "SPACELABS MEDICAL");
  EXPECT_EQ(table->vendor("00:10:5d:00:00:01"), "Draeger Medical");
}

}  // namespace
}  // namespace ward::discovery

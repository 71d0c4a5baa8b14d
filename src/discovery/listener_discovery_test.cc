#include "discovery/listener_discovery.h"

#include <gtest/gtest.h>

#include "discovery/discovery_test_support.h"

#include "devices/device_store.h"
#include "discovery/discovery_run.h"
#include "testing/shared_data.h"

namespace ward::discovery {
namespace {

using testing_support::find;

using Values = std::vector<std::string>;
constexpr TimeNs kT0 = 1'700'000'000 * kNsPerSecond;

TEST(Hl7Application, NamesTheSenderByMsh3AndMsh4NamespaceIds) {
  EXPECT_EQ(hl7_application("EHRApp^1.Edu^ISO", "GHHRFacility^2.Edu^ISO"), "HL7 EHRApp (GHHRFacility)");
  EXPECT_EQ(hl7_application("LAB", ""), "HL7 LAB");
  EXPECT_EQ(hl7_application("^1.2.840.1^ISO", "HOSP"), "HL7 1.2.840.1 (HOSP)");  // no HD.1: HD.2
  EXPECT_EQ(hl7_application("", "HOSP"), "HL7 - (HOSP)");
  EXPECT_EQ(hl7_application("A#B", "F", '#'), "HL7 A (F)");
  EXPECT_EQ(hl7_application("", ""), "");
}

TEST(ListenerDiscovery, AnHl7SenderIsAHostReconciledWithTheInventory) {
  testing::TempDir dir;
  auto live = ListenerDiscovery::open(dir.path());
  ASSERT_TRUE(live) << live.error().describe();
  auto wrote = (*live)->hl7_sender("10.20.5.5", "ADT1^1.2.3^ISO", "GOOD HEALTH", '^', kT0);
  ASSERT_TRUE(wrote);
  EXPECT_TRUE(*wrote);

  auto devices = devices::DeviceStore::open(dir.path());
  ASSERT_TRUE(devices);
  devices::Device gateway;
  gateway.device_id = "HL7-GW";
  gateway.ip = "10.20.5.5";
  gateway.manufacturer = gateway.model = "m";
  ASSERT_TRUE(devices->upsert_devices({gateway}));
  auto view = discovered_view(dir.path(), RowFilter::all);
  ASSERT_TRUE(view);
  ASSERT_EQ((*view)->rows.size(), 1u);
  const ReconciledRow& row = (*view)->rows[0];
  ASSERT_NE(row.device, nullptr);
  EXPECT_EQ(row.device->device_id, "HL7-GW");
  EXPECT_EQ(row.basis, "ip");
  EXPECT_EQ(row.asset->key, "ip:10.20.5.5");
  EXPECT_EQ(row.asset->protocols.values(), Values{"hl7-mllp"});
  EXPECT_EQ(row.asset->applications.values(), Values{"HL7 ADT1 (GOOD HEALTH)"});
  EXPECT_EQ(row.asset->sources.values(), Values{"mllp listener"});
  EXPECT_EQ(row.asset->first_seen, kT0);
  EXPECT_EQ(row.hints, Values{"sends HL7 v2 to Ward as ADT1 (GOOD HEALTH)"});
}

TEST(ListenerDiscovery, ABusyFeedWritesOncePerRefreshAndANewApplicationAtOnce) {
  testing::TempDir dir;
  auto live = ListenerDiscovery::open(dir.path(), 60 * kNsPerSecond);
  ASSERT_TRUE(live);
  ListenerDiscovery& d = **live;
  EXPECT_TRUE(*d.hl7_sender("10.20.5.5", "ADT1", "H", '^', kT0));
  EXPECT_FALSE(*d.hl7_sender("10.20.5.5", "ADT1", "H", '^', kT0 + 59 * kNsPerSecond));
  EXPECT_TRUE(*d.hl7_sender("10.20.5.5", "LAB", "H", '^', kT0 + 59 * kNsPerSecond));
  EXPECT_TRUE(*d.hl7_sender("10.20.5.5", "ADT1", "H", '^', kT0 + 61 * kNsPerSecond));
  auto stored = DiscoveryStore::open(dir.path())->assets();
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].applications.values(), (Values{"HL7 ADT1 (H)", "HL7 LAB (H)"}));
  EXPECT_EQ((*stored)[0].first_seen, kT0);
  EXPECT_EQ((*stored)[0].last_seen, kT0 + 61 * kNsPerSecond);
}

TEST(ListenerDiscovery, ASenderAtALeasedAddressJoinsItsMacsHost) {
  testing::TempDir dir;
  DiscoverOptions options;
  options.oui_file.clear();
  ASSERT_TRUE(discover_files(dir.path(), {"tests/golden/discovery/dhcp.log"}, options));  // 10.20.1.17 = 00:09:5c:12:34:56
  auto live = ListenerDiscovery::open(dir.path());
  ASSERT_TRUE(live);
  ASSERT_TRUE((*live)->hl7_sender("10.20.1.17", "PUMPGW", "ICU", '^', kT0 + 3600 * kNsPerSecond));
  auto stored = DiscoveryStore::open(dir.path())->assets();
  ASSERT_TRUE(stored);
  EXPECT_EQ(find(*stored, "ip:10.20.1.17"), nullptr);
  const DiscoveredAsset* pump = find(*stored, "mac:00:09:5c:12:34:56");
  ASSERT_NE(pump, nullptr);
  EXPECT_EQ(pump->hostname, "ICU-PUMP-07");
  EXPECT_EQ(pump->protocols.values(), (Values{"dhcp", "hl7-mllp"}));
  EXPECT_EQ(pump->applications.values(), Values{"HL7 PUMPGW (ICU)"});
}

}  // namespace
}  // namespace ward::discovery

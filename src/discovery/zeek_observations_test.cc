#include "discovery/zeek_observations.h"

#include <regex>

#include <gtest/gtest.h>

#include "discovery/discovery_test_support.h"

#include "core/file_reader.h"
#include "testing/shared_data.h"

namespace ward::discovery {
namespace {

using testing_support::find;
using testing_support::read_bytes;

bool has(const ValueSet& set, std::string_view value) {
  for (const std::string& v : set.values())
    if (v == value) return true;
  return false;
}

std::filesystem::path golden(std::string_view name) { return std::filesystem::path("tests/golden/discovery") / name; }

TEST(ZeekObservations, KnownServicesGiveEachHostItsPorts) {
  // zcat known_services.log.gz | awk '$2=="10.47.3.200"': 80/tcp HTTP and 443/tcp SSL among others.
  AssetTable table;
  auto read = read_zeek_observations(read_bytes(testing::shared_data("zeek_logs/zeek-default/known_services.log.gz")),
                                     "known_services.log.gz", table);
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->rejected.empty());
  EXPECT_EQ(read->records.at("zeek known_services"), 1588u - 9u);  // lines less the 8 header lines and #close
  const auto assets = table.assets();
  const DiscoveredAsset* host = find(assets, "ip:10.47.3.200");
  ASSERT_NE(host, nullptr);
  EXPECT_TRUE(has(host->services, "80/tcp http"));
  EXPECT_TRUE(has(host->services, "443/tcp ssl"));
  EXPECT_TRUE(has(host->services, "22/tcp"));  // service (empty): the port alone
  EXPECT_TRUE(has(host->protocols, "known_services"));
  EXPECT_TRUE(has(host->sources, "known_services.log.gz"));
}

TEST(ZeekObservations, JsonAndTsvOfTheSameLogGiveTheSameHosts) {
  AssetTable tsv, json;
  ASSERT_TRUE(read_zeek_observations(read_bytes(testing::shared_data("zeek_logs/zeek-default/known_services.log.gz")),
                                     "s", tsv));
  ASSERT_TRUE(read_zeek_observations(read_bytes(testing::shared_data("zeek_logs/zeek-json/known_services.json.gz")),
                                     "s", json));
  const auto a = tsv.assets(), b = json.assets();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].key, b[i].key);
    EXPECT_EQ(a[i].services, b[i].services) << a[i].key;
  }
}

TEST(ZeekObservations, DnsServersAnswerOnPort53AndPublicAddressesAreLeftOut) {
  // The capture's busiest resolver: 10.0.0.100:53/udp answered 33,730 queries.
  AssetTable table;
  auto read = read_zeek_observations(read_bytes(testing::shared_data("zeek_logs/zeek-default/dns.log.gz")), "dns.log.gz",
                                     table);
  ASSERT_TRUE(read);
  const auto assets = table.assets();
  const DiscoveredAsset* resolver = find(assets, "ip:10.0.0.100");
  ASSERT_NE(resolver, nullptr);
  EXPECT_TRUE(has(resolver->services, "53/udp dns"));
  const DiscoveredAsset* client = find(assets, "ip:10.47.2.100");
  ASSERT_NE(client, nullptr);
  EXPECT_TRUE(has(client->protocols, "dns"));
  EXPECT_TRUE(client->services.empty());  // it only asked
  EXPECT_GT(read->public_skipped, 0u);
  for (const DiscoveredAsset& a : assets) EXPECT_TRUE(is_local_address(a.ip)) << a.key;
}

TEST(ZeekObservations, TlsClientsKeepTheServerNamesTheyAskedFor) {
  // zcat ssl.log.gz | awk '$3=="10.47.2.100"' | cut -f10: ise.wrccdc.org 273 times.
  AssetTable table;
  ASSERT_TRUE(read_zeek_observations(read_bytes(testing::shared_data("zeek_logs/zeek-default/ssl.log.gz")), "ssl.log.gz",
                                     table));
  const auto assets = table.assets();
  const DiscoveredAsset* client = find(assets, "ip:10.47.2.100");
  ASSERT_NE(client, nullptr);
  EXPECT_TRUE(has(client->server_names, "ise.wrccdc.org"));
  EXPECT_LE(client->server_names.values().size(), ValueSet::kMaxValues);
}

TEST(ZeekObservations, HttpClientsKeepTheirUserAgentAndSoftwareLogNamesServers) {
  std::string http = std::regex_replace(read_bytes(testing::shared_data("zeek_logs/zeek_btest/opt.basic__http.log")),
                                        std::regex("XXXXXXXXXX\\.XXXXXX"), "1300000000.123456");
  AssetTable table;
  ASSERT_TRUE(read_zeek_observations(http, "http.log", table, {.local_only = false}));
  const auto assets = table.assets();
  const DiscoveredAsset* client = find(assets, "ip:141.142.220.118");
  ASSERT_NE(client, nullptr);
  EXPECT_TRUE(has(client->user_agents,
                  "Mozilla/5.0 (X11; U; Linux x86_64; en-US; rv:1.9.2.15) Gecko/20110303 Ubuntu/10.04 (lucid) Firefox/3.6.15"));
  const DiscoveredAsset* server = find(assets, "ip:208.80.152.118");
  ASSERT_NE(server, nullptr);
  EXPECT_TRUE(has(server->services, "80/tcp http"));

  AssetTable software;
  ASSERT_TRUE(read_zeek_observations(read_bytes(testing::shared_data("zeek_logs/zeek-default/software.log.gz")), "sw",
                                     software));
  const auto hosts = software.assets();
  const DiscoveredAsset* debut = find(hosts, "ip:10.0.0.85");  // HTTP::SERVER debut/1.30
  ASSERT_NE(debut, nullptr);
  EXPECT_TRUE(has(debut->software, "debut/1.30"));
}

TEST(ZeekObservations, DhcpTiesAnAddressToItsMacAndHostNameWhicheverFileComesFirst) {
  AssetTable table;
  auto conn = read_zeek_observations(read_bytes(golden("conn.log")), "conn.log", table);
  auto dhcp = read_zeek_observations(read_bytes(golden("dhcp.log")), "dhcp.log", table);
  ASSERT_TRUE(conn && dhcp);
  const auto assets = table.assets();
  EXPECT_EQ(find(assets, "ip:10.20.1.17"), nullptr);  // folded into the MAC's entry
  EXPECT_EQ(table.merged_away(), std::vector<std::string>({"ip:10.20.1.17", "ip:10.20.1.50"}));
  const DiscoveredAsset* pump = find(assets, "mac:00:09:5c:12:34:56");
  ASSERT_NE(pump, nullptr);
  EXPECT_EQ(pump->ip, "10.20.1.17");
  EXPECT_EQ(pump->hostname, "ICU-PUMP-07");
  EXPECT_TRUE(has(pump->vendor_classes, "udhcp 1.30.1"));
  EXPECT_TRUE(has(pump->protocols, "conn"));
  EXPECT_TRUE(has(pump->protocols, "dhcp"));
  EXPECT_EQ(pump->sources.values(), std::vector<std::string>({"conn.log", "dhcp.log"}));
  EXPECT_EQ(pump->first_seen, 1699999990LL * kNsPerSecond);  // the conn record, before the lease
  EXPECT_EQ(pump->last_seen, 1700000200300000000LL);
  const DiscoveredAsset* ws = find(assets, "mac:3c:52:82:aa:bb:cc");
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(ws->hostname, "NURSE-WS-12");
  const DiscoveredAsset* hl7 = find(assets, "ip:10.20.5.5");
  ASSERT_NE(hl7, nullptr);
  EXPECT_EQ(hl7->services.values(), std::vector<std::string>({"2575/tcp"}));
  const DiscoveredAsset* dicom = find(assets, "ip:10.20.5.9");
  ASSERT_NE(dicom, nullptr);
  EXPECT_EQ(dicom->services.values(), std::vector<std::string>({"104/tcp"}));
  const DiscoveredAsset* unanswered = find(assets, "ip:10.20.5.99");
  ASSERT_NE(unanswered, nullptr);
  EXPECT_TRUE(unanswered->services.empty());  // S0: it never answered on 11112
  EXPECT_EQ(find(assets, "ip:93.184.216.34"), nullptr);
}

TEST(ZeekObservations, BadLinesAreReportedWithFileAndLineAndTheRestIsRead) {
  AssetTable table;
  auto read = read_zeek_observations(read_bytes(golden("conn.log")), "tests/golden/discovery/conn.log", table);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->rejected.size(), 1u);
  EXPECT_EQ(read->rejected[0].source, "tests/golden/discovery/conn.log");
  EXPECT_EQ(read->rejected[0].line, 12u);
  EXPECT_NE(read->rejected[0].message.find("expected 21 columns"), std::string::npos) << read->rejected[0].message;
  EXPECT_EQ(read->records.at("zeek conn"), 4u);
  EXPECT_NE(find(table.assets(), "ip:10.20.1.60"), nullptr);  // the lines around it were read
}

}  // namespace
}  // namespace ward::discovery

#include "discovery/reconcile.h"

#include <gtest/gtest.h>

#include "discovery/medical_hints.h"

namespace ward::discovery {
namespace {

DiscoveredAsset host(std::string ip, std::string mac, std::string hostname = {}) {
  DiscoveredAsset a;
  a.ip = std::move(ip);
  a.mac = std::move(mac);
  a.hostname = std::move(hostname);
  a.key = asset_key(a.ip, a.mac);
  return a;
}

devices::Device device(std::string id, std::string ip, std::string mac) {
  devices::Device d;
  d.device_id = std::move(id);
  d.ip = std::move(ip);
  d.mac = std::move(mac);
  return d;
}

struct Case {
  const char* name;
  DiscoveredAsset asset;
  std::vector<devices::Device> inventory;
  Reconciled status;
  std::string device_id, basis;
  std::vector<std::string> conflicts;  // "field cmms observed"
};

TEST(Reconcile, EachRowSaysItsStatusBasisAndConflicts) {
  const std::vector<Case> cases = {
      {"MAC match (the CMMS writes it with dashes)", host("10.20.1.17", "00:09:5c:12:34:56"),
       {device("PUMP-07", "10.20.1.17", "00-09-5C-12-34-56")}, Reconciled::matched, "PUMP-07", "mac", {}},
      {"MAC match, the CMMS IP is not the one seen", host("10.20.1.99", "00:09:5c:12:34:56"),
       {device("PUMP-07", "10.20.1.17", "00:09:5c:12:34:56")}, Reconciled::matched, "PUMP-07", "mac",
       {"ip 10.20.1.17 10.20.1.99"}},
      {"IP-only match (no MAC in the CMMS)", host("10.20.5.5", ""), {device("HL7-GW", "10.20.5.5", "")},
       Reconciled::matched, "HL7-GW", "ip", {}},
      {"IP match whose host name is the asset tag", host("10.20.1.80", "", "CT-02.rad.example.org"),
       {device("CT-01", "10.20.1.80", ""), device("ct-02", "10.20.1.80", "")}, Reconciled::matched, "ct-02",
       "ip+hostname", {}},
      {"IP match, another MAC seen than the CMMS has", host("10.20.1.50", "3c:52:82:aa:bb:cc"),
       {device("WS-12", "10.20.1.50", "aa:aa:aa:aa:aa:aa")}, Reconciled::matched, "WS-12", "ip",
       {"mac aa:aa:aa:aa:aa:aa 3c:52:82:aa:bb:cc"}},
      {"new: not in the CMMS", host("10.20.7.7", ""), {device("X-RAY-1", "10.20.9.9", "")}, Reconciled::new_device, "",
       "", {}},
  };
  for (const Case& c : cases) {
    const std::vector<DiscoveredAsset> assets = {c.asset};
    const auto rows = reconcile(assets, c.inventory);
    ASSERT_FALSE(rows.empty()) << c.name;
    const ReconciledRow& row = rows[0];
    EXPECT_EQ(row.status, c.status) << c.name;
    EXPECT_EQ(row.device == nullptr ? std::string() : row.device->device_id, c.device_id) << c.name;
    EXPECT_EQ(row.basis, c.basis) << c.name;
    std::vector<std::string> conflicts;
    for (const FieldConflict& f : row.conflicts) conflicts.push_back(f.field + " " + f.cmms + " " + f.observed);
    EXPECT_EQ(conflicts, c.conflicts) << c.name;
  }
}

TEST(Reconcile, DevicesNeverSeenAreListedAfterTheHosts) {
  const std::vector<DiscoveredAsset> assets = {host("10.20.1.17", "00:09:5c:12:34:56"), host("10.20.7.7", "")};
  const std::vector<devices::Device> inventory = {device("PUMP-07", "", "00:09:5c:12:34:56"),
                                                  device("X-RAY-1", "10.20.9.9", "")};
  const auto rows = reconcile(assets, inventory);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].status, Reconciled::matched);
  EXPECT_EQ(rows[1].status, Reconciled::new_device);
  EXPECT_EQ(rows[2].status, Reconciled::unseen);
  EXPECT_EQ(rows[2].device->device_id, "X-RAY-1");
  EXPECT_EQ(rows[2].asset, nullptr);
  EXPECT_TRUE(rows[0].conflicts.empty());  // the CMMS has no IP: nothing to disagree with
}

TEST(Reconcile, TheSameInputsGiveTheSameRowsAndLeaveTheInventoryAsItWas) {
  const std::vector<DiscoveredAsset> assets = {host("10.20.1.99", "00:09:5c:12:34:56")};
  const std::vector<devices::Device> inventory = {device("PUMP-07", "10.20.1.17", "00:09:5c:12:34:56")};
  const auto before = inventory;
  const auto first = reconcile(assets, inventory);
  const auto second = reconcile(assets, inventory);
  ASSERT_EQ(first.size(), second.size());
  EXPECT_EQ(first[0].basis, second[0].basis);
  EXPECT_EQ(first[0].conflicts.size(), second[0].conflicts.size());
  EXPECT_EQ(inventory[0].ip, before[0].ip);  // the conflict is reported, the CMMS IP not replaced
}

TEST(MedicalHints, PortsVendorHostNameAndVendorClassEachSayWhatTheyRestOn) {
  DiscoveredAsset a = host("10.20.5.9", "00:09:5c:12:34:56", "icu-pump-07");
  a.vendor = "Philips Medical Systems - Cardiac and Monitoring Systems (CM";
  a.services.add("104/tcp");
  a.services.add("2575/tcp hl7");
  a.services.add("443/tcp ssl");
  a.vendor_classes.add("MSFT 5.0");
  const auto hints = medical_hints(a);
  ASSERT_EQ(hints.size(), 4u);
  EXPECT_EQ(hints[0], "answers on DICOM (IANA acr-nema/dicom, 104/tcp)");
  EXPECT_EQ(hints[1], "answers on HL7 v2 over MLLP (IANA hl7, 2575/tcp)");
  EXPECT_NE(hints[2].find("is a medical device maker"), std::string::npos);
  EXPECT_EQ(hints[3], "host name icu-pump-07 has \"pump\"");

  DiscoveredAsset office = host("10.20.1.50", "3c:52:82:aa:bb:cc", "NURSE-WS-12");
  office.vendor = "Hewlett Packard";
  office.services.add("1104/tcp");  // not 104
  office.vendor_classes.add("MSFT 5.0");
  EXPECT_TRUE(medical_hints(office).empty());
}

}  // namespace
}  // namespace ward::discovery

// The matching cascade: tiers and confidence, version answers, fixed / not-affected statuses,
// vendor spellings, KEV through the OS, fan-out; and precision/recall on the labelled set built
// from the ICSMA advisories (bench/devices_labelled_set.py).
#include "devices/matcher.h"

#include <gtest/gtest.h>

#include "core/file_reader.h"
#include "devices/advisory_files.h"
#include "devices/advisory_json.h"
#include "devices/inventory_csv.h"
#include "devices/match_quality.h"
#include "testing/shared_data.h"

namespace ward::devices {
namespace {

Device fleet_device(std::string id, std::string vendor, std::string model, std::string version, std::string os = {}) {
  Device d;
  d.device_id = std::move(id);
  d.manufacturer = std::move(vendor);
  d.model = std::move(model);
  d.version = std::move(version);
  d.os = std::move(os);
  return d;
}

// One vendor branch "Philips" with two products: a pump "< 2.0" affected, and its 2.0 release fixed.
Advisory pump_advisory() {
  auto a = parse_csaf(R"json({"document": {"tracking": {"id": "T-1", "version": "1"}},
    "product_tree": {"branches": [{"category": "vendor", "name": "Philips", "branches": [
      {"category": "product_name", "name": "IntelliVue MX40", "branches": [
        {"category": "product_version_range", "name": "< B.06.18", "product": {"name": "MX40 < B.06.18", "product_id": "P1"}},
        {"category": "product_version", "name": "B.06.18", "product": {"name": "MX40 B.06.18", "product_id": "P2"}}]},
      {"category": "product_name", "name": "Pump Suite", "branches": [
        {"category": "product_version_range", "name": "vers:all/*", "product": {"name": "Pump Suite", "product_id": "P3"}},
        {"category": "product_version", "name": "3.0", "product": {"name": "Pump Suite 3.0", "product_id": "P4"}}]},
      {"category": "product_name", "name": "Gateway", "branches": [
        {"category": "product_version", "name": "distributed < april 1, 2018",
         "product": {"name": "Gateway (early units)", "product_id": "P5",
                     "product_identification_helper": {"model_numbers": ["GW-100"]}}}]}]}]},
    "vulnerabilities": [{"cve": "CVE-2024-1", "product_status": {"known_affected": ["P1", "P3", "P5"], "fixed": ["P2", "P4"]}}]})json");
  EXPECT_TRUE(a) << a.error().describe();
  return *a;
}

TEST(Matcher, VersionInsideHitsJustOutsideAndFixedDoNot) {
  const auto found = match_devices({fleet_device("in", "Philips", "IntelliVue MX40", "B.06.17"),
                                    fleet_device("out", "Philips", "IntelliVue MX40", "B.06.18"),
                                    fleet_device("fixed", "Philips", "Pump Suite", "3.0"),
                                    fleet_device("all", "Philips", "Pump Suite", "2.9")},
                                   {pump_advisory()}, VendorAliases());
  ASSERT_EQ(found.size(), 2u);  // in the devices' order
  EXPECT_EQ(found[0].device_id, "in");
  EXPECT_EQ(found[0].match->cve, "CVE-2024-1");
  EXPECT_EQ(found[0].match->matched_by, "vendor+product+version");
  EXPECT_DOUBLE_EQ(found[0].match->confidence, 0.9);
  EXPECT_EQ(found[1].device_id, "all");
  EXPECT_EQ(found[1].match->matched_by, "vendor+product+all_versions");
}

TEST(Matcher, VendorSpellingsMeetOtherVendorsDoNot) {
  const auto found = match_devices({fleet_device("a", "Phillips", "IntelliVue MX40", "B.06.01"),
                                    fleet_device("b", "Philips Healthcare", "IntelliVue MX40", "B.06.01"),
                                    fleet_device("c", "Acme Medical", "IntelliVue MX40", "B.06.01")},
                                   {pump_advisory()}, VendorAliases());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].device_id, "a");
  EXPECT_EQ(found[1].device_id, "b");
}

TEST(Matcher, ModelNumberTierAndUnknownVersionLowerTheConfidence) {
  const auto found = match_devices({fleet_device("g", "Philips", "GW-100", "1.0")}, {pump_advisory()}, VendorAliases());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].match->matched_by, "model_number+version_unknown");
  EXPECT_LT(found[0].match->confidence, kConfirmed);
  EXPECT_NE(found[0].match->reason.find("date"), std::string::npos);
}

TEST(Matcher, PartialNamesArePossibleNotConfirmed) {
  const auto found = match_devices({fleet_device("p", "Philips", "IntelliVue MX40 Patient Worn Monitor", "B.06.01")},
                                   {pump_advisory()}, VendorAliases());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].match->matched_by, "vendor+product_partial+version");
  EXPECT_LT(found[0].match->confidence, kConfirmed);
}

TEST(Matcher, KnownNotAffectedGivesNothing) {
  auto a = parse_csaf(R"json({"document": {"tracking": {"id": "T-2", "version": "1"}},
    "product_tree": {"branches": [{"category": "vendor", "name": "BD", "branches": [
      {"category": "product_name", "name": "Alaris PC", "branches": [
        {"category": "product_version", "name": "vers:all/*", "product": {"name": "Alaris PC", "product_id": "P1"}}]}]}]},
    "vulnerabilities": [{"cve": "CVE-2024-2", "product_status": {"known_not_affected": ["P1"]}}]})json");
  ASSERT_TRUE(a);
  EXPECT_TRUE(match_devices({fleet_device("x", "Becton Dickinson", "Alaris PC", "1")}, {*a}, VendorAliases()).empty());
}

TEST(Matcher, KevMeetsDevicesThroughTheirOperatingSystem) {
  auto kev = parse_kev(R"json({"catalogVersion": "1", "vulnerabilities": [
    {"cveID": "CVE-2017-0144", "vendorProject": "Microsoft", "product": "Windows", "requiredAction": "patch"},
    {"cveID": "CVE-2020-1", "vendorProject": "Acme", "product": "Windows", "requiredAction": "patch"}]})json");
  ASSERT_TRUE(kev);
  const auto found = match_devices({fleet_device("ct", "GE Healthcare", "Optima CT660", "1", "Windows 7 Embedded"),
                                    fleet_device("ct2", "GE Healthcare", "Optima CT660", "1", "Windows 7 Embedded"),
                                    fleet_device("mon", "Philips", "MX40", "1", "VxWorks 6.9")},
                                   {*kev}, VendorAliases());
  ASSERT_EQ(found.size(), 2u);  // fanned out to both CTs; not Acme's "Windows"; not the VxWorks monitor
  EXPECT_EQ(found[0].match->cve, "CVE-2017-0144");
  EXPECT_EQ(found[0].match->matched_by, "os+kev");
  EXPECT_EQ(found[1].device_id, "ct2");
}

TEST(Matcher, AliasTableFromConfigAddsSpellings) {
  VendorAliases::Table table = VendorAliases::defaults();
  table["philips"].push_back("Royal Philips Electronics");
  const auto found = match_devices({fleet_device("r", "Royal Philips Electronics", "IntelliVue MX40", "B.06.01")},
                                   {pump_advisory()}, VendorAliases(table));
  EXPECT_EQ(found.size(), 1u);
  EXPECT_TRUE(match_devices({fleet_device("r", "Royal Philips Electronics", "IntelliVue MX40", "B.06.01")}, {pump_advisory()},
                            VendorAliases())
                  .empty());
}

// The labelled set: confirmed findings against ICSMA advisories, with KEV and the ICSA sample
// loaded too. Targets of issue 8: precision >= 0.98, recall >= 0.95.
TEST(Matcher, PrecisionAndRecallOnTheLabelledIcsmaSet) {
  auto files = advisory_files({testing::shared_data("vuln_feeds/csaf"), testing::shared_data("vuln_feeds/kev")});
  ASSERT_TRUE(files);
  std::vector<Advisory> advisories;
  for (auto& l : load_advisory_files(*files).loaded) advisories.push_back(std::move(l.advisory));
  auto file = read_input_file("tests/golden/devices/labelled_inventory.csv");
  ASSERT_TRUE(file);
  const std::string_view csv = file->view();
  auto inventory = read_inventory_csv(csv, {}, "labelled_inventory.csv");
  ASSERT_TRUE(inventory);
  ASSERT_GT(inventory->devices.size(), 1000u);
  auto labels = read_labels(csv);
  ASSERT_TRUE(labels);
  const MatchQuality q = score_matches(match_devices(inventory->devices, advisories, VendorAliases()), *labels, "ICSMA");
  EXPECT_GE(q.precision(), 0.98) << q.true_positives << " TP, " << q.false_positives << " FP";
  EXPECT_GE(q.recall(), 0.95) << q.true_positives << " TP, " << q.false_negatives << " FN";
}

}  // namespace
}  // namespace ward::devices

// The identifier tier: SBOM components' CPEs and purls against advisories' product
// identification helpers (the fixtures in tests/golden/devices/identifier_advisories) and KEV;
// components reached through (vendor, model, version), matched once and fanned out; VEX clearing.
#include "devices/identifier_tier.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/file_reader.h"
#include "devices/advisory_files.h"
#include "devices/advisory_json.h"
#include "devices/inventory_csv.h"
#include "devices/match_quality.h"
#include "devices/matcher.h"
#include "devices/sbom_json.h"
#include "testing/shared_data.h"

namespace ward::devices {
namespace {

std::vector<Advisory> fixtures_and_kev() {
  auto files = advisory_files({"tests/golden/devices/identifier_advisories", testing::shared_data("vuln_feeds/kev")});
  EXPECT_TRUE(files);
  std::vector<Advisory> out;
  for (auto& l : load_advisory_files(*files).loaded) out.push_back(std::move(l.advisory));
  return out;
}

Device device(std::string id, std::string vendor, std::string model, std::string version) {
  Device d;
  d.device_id = std::move(id);
  d.manufacturer = std::move(vendor);
  d.model = std::move(model);
  d.version = std::move(version);
  return d;
}

Sbom one_component(std::string name, std::string version, std::string cpe, std::string purl = {}) {
  Sbom s;
  SbomComponent c;
  c.name = std::move(name);
  c.version = std::move(version);
  if (!cpe.empty()) c.cpes.push_back(std::move(cpe));
  if (!purl.empty()) c.purls.push_back(std::move(purl));
  s.components.push_back(std::move(c));
  return s;
}

std::vector<std::string> advisories_of(const std::vector<Finding>& findings, std::string_view device_id) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    if (f.device_id == device_id) out.push_back(f.match->advisory_id + " " + f.match->matched_by);
  }
  return out;
}

TEST(IdentifierTier, RealMedicalSbomHitsByCpeAndPurlAndMissesJustOutside) {
  auto bytes = read_input_file(testing::shared_data("vuln_feeds/sbom/medical_device/case-study__extended.sbom.json"));
  ASSERT_TRUE(bytes);
  auto sbom = parse_sbom(bytes->view());
  ASSERT_TRUE(sbom);
  const auto advisories = fixtures_and_kev();
  const std::vector<AttachedSbom> sboms{{"Acme Medical", "Infusion Hub", "3.1", std::move(*sbom)}};
  const std::vector<Device> devices{device("D1", "Acme Medical", "Infusion Hub", "3.1"),
                                    device("D2", "ACME MEDICAL", "infusion hub", "3.1"),  // same key, normalised
                                    device("D3", "Acme Medical", "Infusion Hub", "3.2"),   // no SBOM for 3.2
                                    device("D4", "Acme Medical", "Infusion Hub", "3.1")};
  const auto findings = match_devices(devices, advisories, VendorAliases(), sboms);
  // WolfSSL 4.8.1 (cpe, < 5.5.2), FreeRTOS 10.0.1 (cpe, <= 10.0.1), Newtonsoft.Json 9.0.1 (purl,
  // < 13.0.1); EdgeOS 2.0.9-hotfix.7 is just outside "<= 2.0.8".
  const std::vector<std::string> expected{"WARD-ID-0001 cpe+version", "WARD-ID-0002 cpe+version", "WARD-ID-0003 purl+version"};
  EXPECT_EQ(advisories_of(findings, "D1"), expected);
  EXPECT_EQ(advisories_of(findings, "D2"), expected);
  EXPECT_TRUE(advisories_of(findings, "D3").empty());
  const auto wolf = std::find_if(findings.begin(), findings.end(), [](const Finding& f) { return f.match->advisory_id == "WARD-ID-0001"; });
  ASSERT_NE(wolf, findings.end());
  EXPECT_EQ(wolf->match->component, "WolfSSL 4.8.1");
  EXPECT_EQ(wolf->match->version, "4.8.1");
  EXPECT_DOUBLE_EQ(wolf->match->confidence, 0.95);
  EXPECT_EQ(wolf->match->cve, "CVE-2022-42905");
  // One match object shared by the devices of one key: matched once, fanned out.
  const auto wolf2 = std::find_if(findings.begin(), findings.end(),
                                  [](const Finding& f) { return f.device_id == "D4" && f.match->advisory_id == "WARD-ID-0001"; });
  ASSERT_NE(wolf2, findings.end());
  EXPECT_EQ(wolf->match.get(), wolf2->match.get());
}

struct Case {
  std::string cpe, purl, version;
  std::vector<std::string> expected;
};

TEST(IdentifierTier, GuardsAgainstWildcardsPartsVendorsAndFixedVersions) {
  const auto advisories = fixtures_and_kev();
  const Case cases[] = {
      {"cpe:2.3:a:wolfssl:wolfssl:5.5.1:*:*:*:*:*:*:*", "", "", {"WARD-ID-0001 cpe+version"}},
      {"cpe:2.3:a:wolfssl:wolfssl:5.5.2:*:*:*:*:*:*:*", "", "", {}},   // the fixed release
      {"cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*", "", "", {"WARD-ID-0001 cpe+version_unknown"}},  // no version: unknown
      {"cpe:2.3:a:acme:wolfssl:4.8.1:*:*:*:*:*:*:*", "", "", {}},     // same product, another vendor
      {"cpe:2.3:a:*:wolfssl:4.8.1:*:*:*:*:*:*:*", "", "", {}},        // wildcard vendor
      {"cpe:2.3:a:wolfssl:*:4.8.1:*:*:*:*:*:*:*", "", "", {}},        // wildcard product
      {"cpe:2.3:h:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*", "", "", {}},  // hardware, the advisory names an application
      {"", "pkg:nuget/Newtonsoft.Json@12.0.3", "", {"WARD-ID-0003 purl+version"}},
      {"", "pkg:nuget/Newtonsoft.Json@13.0.1", "", {}},
      {"", "pkg:npm/newtonsoft.json@9.0.1", "", {}},                   // another ecosystem
      {"", "pkg:nuget/Newtonsoft.Json", "12.0.1", {"WARD-ID-0003 purl+version"}},  // version from the component
      {"", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "", {"WARD-ID-0004 purl+version"}},
      {"", "pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1", "", {}},  // the API jar is another package
      {"", "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1", "", {}},
      {"cpe:2.3:a:jquery:jquery:1.12.4:*:*:*:*:*:*:*", "", "", {"CISA-KEV cpe+kev"}},
  };
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    const Case& c = cases[i];
    const std::vector<AttachedSbom> sboms{{"Acme", "Rig", std::to_string(i), one_component("lib", c.version, c.cpe, c.purl)}};
    auto findings = match_devices({device("D", "Acme", "Rig", std::to_string(i))}, advisories, VendorAliases(), sboms);
    auto got = advisories_of(findings, "D");
    got.erase(std::unique(got.begin(), got.end()), got.end());  // KEV lists jQuery under several CVEs
    EXPECT_EQ(got, c.expected) << c.cpe << c.purl;
  }
}

TEST(IdentifierTier, KevMatchesThroughACpeArePossibleNotConfirmed) {
  const auto advisories = fixtures_and_kev();
  const std::vector<AttachedSbom> sboms{{"Acme", "Viewer", "1", one_component("jQuery", "1.12.4", "cpe:2.3:a:jquery:jquery:1.12.4:*:*:*:*:*:*:*")}};
  auto findings = match_devices({device("D", "Acme", "Viewer", "1")}, advisories, VendorAliases(), sboms);
  ASSERT_FALSE(findings.empty());
  for (const Finding& f : findings) {
    EXPECT_EQ(f.match->advisory_id, "CISA-KEV");
    EXPECT_LT(f.match->confidence, kConfirmed);
    EXPECT_NE(f.match->reason.find("KEV names no versions"), std::string::npos);
  }
}

TEST(IdentifierTier, PrecisionAndRecallOnTheLabelledCpePurlSet) {
  auto file = read_input_file("tests/golden/devices/labelled_identifiers.csv");
  ASSERT_TRUE(file);
  auto inventory = read_inventory_csv(file->view(), {}, "labelled_identifiers.csv");
  ASSERT_TRUE(inventory);
  auto labels = read_labels(file->view());
  ASSERT_TRUE(labels);
  auto sboms = read_labelled_components(file->view());
  ASSERT_TRUE(sboms) << sboms.error().describe();
  ASSERT_EQ(sboms->size(), inventory->devices.size());
  const MatchQuality q = score_matches(match_devices(inventory->devices, fixtures_and_kev(), VendorAliases(), *sboms), *labels, "WARD-ID");
  EXPECT_GE(q.true_positives, 19u);
  EXPECT_GE(q.precision(), 0.98);
  EXPECT_GE(q.recall(), 0.95);
}

}  // namespace
}  // namespace ward::devices

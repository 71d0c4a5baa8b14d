// VEX: reading CycloneDX VEX (the CISA use cases) and CSAF; the round trips CSAF -> CycloneDX ->
// CSAF and CycloneDX -> CSAF -> CycloneDX with no loss of status or justification; the finer
// values of each format carried across; VEX statements clearing findings of other sources.
#include "devices/vex.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "core/file_reader.h"
#include "devices/advisory_files.h"
#include "devices/advisory_json.h"
#include "devices/matcher.h"
#include "testing/shared_data.h"

namespace ward::devices {

void PrintTo(const VexStatement& s, std::ostream* os) {
  *os << s.cve << "/" << s.product_id << " status=" << s.status << " state=" << s.state << " just=" << s.justification
      << " cdx_just=" << s.cdx_justification << " impact=" << s.impact.size() << "B rem=" << s.remediations.size()
      << " resp=" << s.responses.size() << " rec=" << s.recommendation;
}

namespace {

std::string read_text(const std::filesystem::path& p) {
  auto bytes = read_input_file(p);
  EXPECT_TRUE(bytes) << p;
  return bytes ? std::string(bytes->view()) : std::string();
}

std::vector<std::filesystem::path> json_files(std::string_view relative) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(testing::shared_data(relative))) {
    if (e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void expect_same(const VexDocument& a, const VexDocument& b, const std::string& what) {
  EXPECT_EQ(a.statements, b.statements) << what;
  ASSERT_EQ(a.products.size(), b.products.size()) << what;
  for (std::size_t i = 0; i < a.products.size(); ++i) {
    const VexProduct &x = a.products[i], &y = b.products[i];
    EXPECT_EQ(std::tie(x.id, x.vendor, x.name, x.version, x.cpe, x.purl), std::tie(y.id, y.vendor, y.name, y.version, y.cpe, y.purl))
        << what << " product " << x.id;
  }
  EXPECT_EQ(a.id, b.id) << what;
}

TEST(Vex, ReadsTheCisaNotAffectedCase) {
  auto vex = vex_from_cyclonedx(read_text(testing::shared_data("vuln_feeds/sbom/cyclonedx_vex/CISA-Use-Cases__Case-1__vex-not_affected.json")));
  ASSERT_TRUE(vex) << vex.error().describe();
  ASSERT_EQ(vex->statements.size(), 1u);
  const VexStatement& s = vex->statements[0];
  EXPECT_EQ(s.cve, "CVE-2021-44228");
  EXPECT_EQ(s.product_id, "product-ABC");
  EXPECT_EQ(s.state, "not_affected");
  EXPECT_EQ(s.status, "known_not_affected");
  EXPECT_EQ(s.cdx_justification, "code_not_present");
  EXPECT_EQ(s.justification, "vulnerable_code_not_present");
  EXPECT_EQ(s.responses, std::vector<std::string>{"will_not_fix"});
  EXPECT_NE(s.impact.find("Class with vulnerable code was removed"), std::string::npos);
  ASSERT_EQ(vex->products.size(), 1u);
  EXPECT_EQ(vex->products[0].name, "ABC");
  EXPECT_EQ(vex->products[0].version, "4.2");
}

TEST(Vex, EachCisaStatusMapsToItsCsafStatus) {
  const std::pair<std::string_view, std::string_view> cases[] = {{"affected", "known_affected"}, {"fixed", "fixed"},
                                                                 {"not_affected", "known_not_affected"},
                                                                 {"under_investigation", "under_investigation"}};
  for (const auto& [file, status] : cases) {
    auto vex = vex_from_cyclonedx(read_text(testing::shared_data(fmt::format("vuln_feeds/sbom/cyclonedx_vex/CISA-Use-Cases__Case-1__vex-{}.json", file))));
    ASSERT_TRUE(vex) << file;
    ASSERT_EQ(vex->statements.size(), 1u);
    EXPECT_EQ(vex->statements[0].status, status) << file;
  }
}

TEST(Vex, CycloneDxToCsafToCycloneDxLosesNothing) {
  std::size_t statements = 0;
  for (const auto& file : json_files("vuln_feeds/sbom/cyclonedx_vex")) {
    auto original = vex_from_cyclonedx(read_text(file));
    if (!original) {
      EXPECT_EQ(original.error().code, ErrorCode::unsupported) << file;  // VEX__bom.json is the SBOM half
      continue;
    }
    const std::string csaf = vex_to_csaf(*original);
    auto via_csaf = vex_from_csaf(csaf);
    ASSERT_TRUE(via_csaf) << file << ": " << via_csaf.error().describe();
    expect_same(*original, *via_csaf, file.filename().string() + " as CSAF");
    auto back = vex_from_cyclonedx(vex_to_cyclonedx(*via_csaf));
    ASSERT_TRUE(back) << file;
    expect_same(*original, *back, file.filename().string() + " back to CycloneDX");
    statements += original->statements.size();
  }
  EXPECT_GE(statements, 40u);
}

TEST(Vex, CsafToCycloneDxToCsafLosesNothingOnTheIcsmaAdvisories) {
  std::size_t statements = 0, files = 0;
  for (const auto& file : json_files("vuln_feeds/csaf/icsma")) {
    auto original = vex_from_csaf(read_text(file));
    ASSERT_TRUE(original) << file << ": " << original.error().describe();
    auto via_cdx = vex_from_cyclonedx(vex_to_cyclonedx(*original));
    ASSERT_TRUE(via_cdx) << file << ": " << via_cdx.error().describe();
    expect_same(*original, *via_cdx, file.filename().string() + " as CycloneDX");
    auto back = vex_from_csaf(vex_to_csaf(*via_cdx));
    ASSERT_TRUE(back) << file;
    expect_same(*original, *back, file.filename().string() + " back to CSAF");
    statements += original->statements.size();
    ++files;
  }
  EXPECT_EQ(files, 144u);
  EXPECT_GT(statements, 500u);
}

TEST(Vex, FinerValuesOfEitherFormatAreCarriedAcross) {
  VexDocument v{"T-VEX-1", "2", "fixture", "2026-11-30T00:00:00Z", {{"P1", "Acme", "Pump", "1.0", "", ""}}, {}};
  v.statements = {
      {"CVE-1", "P1", "first_affected", "", "", "", "", {{"vendor_fix", "Update to 1.1"}, {"mitigation", "Segment the network"}}, {}, ""},
      {"CVE-2", "P1", "", "false_positive", "", "protected_at_perimeter", "Not reachable", {}, {"will_not_fix"}, ""},
      {"CVE-3", "P1", "known_not_affected", "", "component_not_present", "", "No TLS stack", {}, {}, ""},
      {"CVE-4", "P1", "", "resolved_with_pedigree", "", "", "", {}, {"rollback"}, "Roll back to 0.9"}};
  for (VexStatement& s : v.statements) derive_missing(s);
  // What each format shows natively:
  EXPECT_EQ(v.statements[0].state, "exploitable");
  EXPECT_EQ(v.statements[0].responses, (std::vector<std::string>{"update", "workaround_available"}));
  EXPECT_EQ(v.statements[1].status, "known_not_affected");
  EXPECT_EQ(v.statements[1].justification, "inline_mitigations_already_exist");
  EXPECT_EQ(v.statements[2].cdx_justification, "code_not_present");
  EXPECT_EQ(v.statements[3].status, "fixed");
  EXPECT_EQ(v.statements[3].remediations, (std::vector<VexRemediation>{{"vendor_fix", "Roll back to 0.9"}}));
  auto one = vex_from_csaf(vex_to_csaf(v));
  ASSERT_TRUE(one) << one.error().describe();
  expect_same(v, *one, "as CSAF");
  auto two = vex_from_cyclonedx(vex_to_cyclonedx(v));
  ASSERT_TRUE(two) << two.error().describe();
  expect_same(v, *two, "as CycloneDX");
}

TEST(Vex, ImportedCycloneDxVexClearsAComponentFinding) {
  auto files = advisory_files({"tests/golden/devices/identifier_advisories"});
  ASSERT_TRUE(files);
  std::vector<Advisory> advisories;
  for (auto& l : load_advisory_files(*files).loaded) advisories.push_back(std::move(l.advisory));
  Sbom sbom;
  SbomComponent log4j;
  log4j.name = "log4j-core";
  log4j.version = "2.14.1";
  log4j.purls = {"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"};
  sbom.components.push_back(log4j);
  const std::vector<AttachedSbom> sboms{{"Acme", "Viewer", "7", sbom}};
  Device d;
  d.device_id = "D";
  d.manufacturer = "Acme";
  d.model = "Viewer";
  d.version = "7";
  ASSERT_EQ(match_devices({d}, advisories, VendorAliases(), sboms).size(), 1u);

  auto vex = parse_advisory(R"({"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
    "vulnerabilities":[{"id":"CVE-2021-44228","analysis":{"state":"not_affected","justification":"requires_configuration",
      "detail":"JNDI lookups are disabled by the device's configuration"},
      "affects":[{"ref":"urn:cdx:5d1b0b8e-0000-4000-8000-000000000000/1#pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]}]})");
  ASSERT_TRUE(vex) << vex.error().describe();
  EXPECT_EQ(vex->kind, "cyclonedx_vex");
  advisories.push_back(*vex);
  EXPECT_TRUE(match_devices({d}, advisories, VendorAliases(), sboms).empty());
}

TEST(Vex, CsafVexForTheDeviceModelClearsKevThroughTheOs) {
  auto kev = load_advisory_files({testing::shared_data("vuln_feeds/kev/known_exploited_vulnerabilities.json")});
  ASSERT_EQ(kev.loaded.size(), 1u);
  std::vector<Advisory> advisories{kev.loaded[0].advisory};
  Device d;
  d.device_id = "D";
  d.manufacturer = "Acme";
  d.model = "ABC";
  d.version = "4.2";
  d.os = "Windows 7 Embedded";
  const auto before = match_devices({d}, advisories, VendorAliases());
  ASSERT_FALSE(before.empty());
  const std::string cve = before.front().match->cve;
  VexDocument v{"ACME-VEX-1", "1", "ABC 4.2", "", {{"ABC-4.2", "Acme", "ABC", "4.2", "", ""}}, {}};
  VexStatement s{cve, "ABC-4.2", "known_not_affected"};
  s.justification = "vulnerable_code_not_in_execute_path";
  s.impact = "The affected Windows service is disabled on this device";
  derive_missing(s);
  v.statements.push_back(s);
  auto csaf = parse_advisory(vex_to_csaf(v));
  ASSERT_TRUE(csaf) << csaf.error().describe();
  EXPECT_EQ(csaf->kind, "csaf_vex");
  advisories.push_back(*csaf);
  const auto after = match_devices({d}, advisories, VendorAliases());
  EXPECT_EQ(after.size() + 1, before.size());
  for (const Finding& f : after) EXPECT_NE(f.match->cve, cve);
}

}  // namespace
}  // namespace ward::devices

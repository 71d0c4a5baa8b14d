// Matching one advisory at a time against the indexed inventory gives, for every advisory, the
// findings a full match of all advisories gives for it: the labelled ICSMA inventory (operating
// systems assigned so KEV meets it) and the labelled CPE/purl set with its SBOMs, against every
// CSAF file, KEV and the identifier fixtures; and KEV entries alone, through operating systems and
// through SBOM components many models share.
#include "devices/fleet_index.h"

#include <set>
#include <tuple>

#include <gtest/gtest.h>
#include <fmt/format.h>

#include "core/file_reader.h"
#include "devices/advisory_files.h"
#include "devices/inventory_csv.h"
#include "devices/match_quality.h"
#include "testing/shared_data.h"

namespace ward::devices {
namespace {

std::string line(const Finding& f) {
  const AdvisoryMatch& m = *f.match;
  return fmt::format("{} {} {} {} {} {} {:.3f} {} {}", f.device_id, m.advisory_id, m.cve, m.product, m.version, m.matched_by,
                     m.confidence, m.component, m.reason);
}

std::vector<Device> labelled_devices(const char* file, std::vector<AttachedSbom>* sboms) {
  auto text = read_input_file(file);
  EXPECT_TRUE(text) << file;
  if (!text) return {};
  auto inventory = read_inventory_csv(text->view(), {}, file);
  EXPECT_TRUE(inventory);
  if (sboms != nullptr) *sboms = std::move(*read_labelled_components(text->view()));
  return inventory ? inventory->devices : std::vector<Device>{};
}

// The KEV entries naming Windows or Win32k, each as an advisory of its own.
std::vector<Advisory> windows_kev_entries() {
  auto files = advisory_files({testing::shared_data("vuln_feeds/kev")});
  EXPECT_TRUE(files);
  if (!files) return {};
  auto loaded = load_advisory_files(*files).loaded;
  EXPECT_EQ(loaded.size(), 1u);
  if (loaded.empty()) return {};
  const Advisory& kev = loaded[0].advisory;
  std::vector<Advisory> entries;
  for (std::size_t i = 0; i < kev.products.size() && i < kev.vulnerabilities.size(); ++i) {
    if (kev.products[i].product_name != "Windows" && kev.products[i].product_name != "Win32k") continue;
    entries.push_back({fmt::format("KEV-{}", i), kev.revision, kev.title, kev.kind, {}, {kev.products[i]}, {kev.vulnerabilities[i]}});
  }
  return entries;
}

// A VEX document stating `cve` not affected for the model of `device`.
Advisory vex_clearing(const std::string& cve, const Device& device) {
  Advisory vex{"VEX-1", "1", "vex", "csaf_vex", {}, {}, {}};
  vex.products.push_back({"P1", device.manufacturer, device.model, "", {}, device.model, {}, {}, {}});
  vex.products[0].range.kind = VersionRange::Kind::all;
  vex.vulnerabilities.push_back({cve, {}, {}, {"P1"}, {}, 0, {}, {}, {}});
  return vex;
}

TEST(FleetIndex, EachAdvisoryAloneGivesWhatTheFullMatchGivesForIt) {
  auto files = advisory_files({testing::shared_data("vuln_feeds/csaf"), testing::shared_data("vuln_feeds/kev"),
                               "tests/golden/devices/identifier_advisories"});
  ASSERT_TRUE(files);
  std::vector<Advisory> advisories;
  for (auto& l : load_advisory_files(*files).loaded) advisories.push_back(std::move(l.advisory));
  ASSERT_GT(advisories.size(), 100u);
  std::vector<AttachedSbom> sboms;
  std::vector<Device> devices = labelled_devices("tests/golden/devices/labelled_inventory.csv", nullptr);
  for (Device& d : labelled_devices("tests/golden/devices/labelled_identifiers.csv", &sboms)) devices.push_back(std::move(d));
  static constexpr const char* kOs[] = {"", "Windows 7 Embedded", "VxWorks 6.9", "Linux"};
  for (std::size_t i = 0; i < devices.size(); ++i) devices[i].os = kOs[i % 4];
  const std::size_t labelled = devices.size();
  for (std::size_t i = 0; i < labelled; i += 2) {  // a second device of every other key
    Device copy = devices[i];
    copy.device_id += "-B";
    devices.push_back(std::move(copy));
  }
  const VendorAliases aliases;
  const FleetIndex index(devices, aliases, sboms);
  EXPECT_EQ(index.devices(), devices.size());
  EXPECT_LT(index.keys(), devices.size());

  std::map<std::string, std::vector<std::string>> full;  // by advisory, in device order
  for (const Finding& f : match_devices(devices, advisories, aliases, sboms)) full[f.match->advisory_id].push_back(line(f));
  ASSERT_GT(full.size(), 50u);
  std::size_t compared = 0;
  for (const Advisory& a : advisories) {
    std::vector<std::string> alone;
    for (const Finding& f : index.match(a, advisories)) alone.push_back(line(f));
    EXPECT_EQ(alone, full[a.id]) << a.id;
    compared += alone.size();
  }
  EXPECT_GT(compared, 1000u);
  EXPECT_GT(full["CISA-KEV"].size(), 100u);  // KEV through the OS and the SBOM CPEs
}

// One KEV entry as an advisory of its own (what a catalogue update adds): a Windows entry reaches
// most devices through their OS alone and takes the OS's findings without the matcher, unless a
// VEX document is kept (it may clear the CVE for a model); either way what the full match gives.
TEST(FleetIndex, AKevEntryAloneGivesWhatTheFullMatchGivesWithAndWithoutVex) {
  const std::vector<Advisory> entries = windows_kev_entries();
  ASSERT_GT(entries.size(), 10u);
  std::vector<Device> devices = labelled_devices("tests/golden/devices/labelled_inventory.csv", nullptr);
  static constexpr const char* kOs[] = {"Windows 10", "", "Windows 7 Embedded"};
  for (std::size_t i = 0; i < devices.size(); ++i) devices[i].os = kOs[i % 3];
  // A VEX document stating the first entry's CVE not affected for the first Windows device's model.
  const Device& cleared = devices[0];
  const Advisory vex = vex_clearing(entries[0].vulnerabilities[0].cve, cleared);
  const VendorAliases aliases;
  const FleetIndex index(devices, aliases, {});
  for (const bool with_vex : {false, true}) {
    std::vector<Advisory> all = entries;
    if (with_vex) all.push_back(vex);
    std::map<std::string, std::vector<std::string>> full;
    for (const Finding& f : match_devices(devices, all, aliases)) full[f.match->advisory_id].push_back(line(f));
    std::size_t compared = 0;
    for (const Advisory& a : entries) {
      std::vector<std::string> alone;
      for (const Finding& f : index.match(a, all)) alone.push_back(line(f));
      EXPECT_EQ(alone, full[a.id]) << a.id << (with_vex ? " with VEX" : "");
      compared += alone.size();
    }
    EXPECT_GT(compared, devices.size() * 2 / 3 * entries.size() / 2);  // most devices run Windows
    const std::string first = fmt::format("{} {}", cleared.device_id, entries[0].id);
    const bool found = std::any_of(full[entries[0].id].begin(), full[entries[0].id].end(),
                                   [&](const std::string& l) { return l.starts_with(first + " "); });
    EXPECT_EQ(found, !with_vex) << "the VEX document clears the CVE for that model";
  }
}

// The KEV entries naming Windows against a fleet whose SBOMs hold Windows and Win32k CPEs in
// different orders and versions (the first component in an SBOM's order names the finding), a
// model with two SBOMs (the first counts), SBOMs of models nobody owns and a Microsoft device the
// vendor reaches: the representative-per-(components, OS) path gives what the full match gives,
// with and without a VEX document.
TEST(FleetIndex, AKevEntryAloneThroughSharedSbomComponentsGivesWhatTheFullMatchGives) {
  const std::vector<Advisory> entries = windows_kev_entries();
  ASSERT_GT(entries.size(), 10u);
  std::vector<Device> devices = labelled_devices("tests/golden/devices/labelled_inventory.csv", nullptr);
  devices.push_back({"MS-1", "Microsoft", "Surface Hub 2S", "1.0"});
  static constexpr const char* kOs[] = {"Windows 10", "", "Windows 7 Embedded", "Linux"};
  for (std::size_t i = 0; i < devices.size(); ++i) devices[i].os = kOs[i % 4];
  const auto component = [](std::string name, std::string version, std::string cpe) {
    SbomComponent c;
    c.name = std::move(name);
    c.version = std::move(version);
    c.cpes.push_back(std::move(cpe));
    return c;
  };
  const std::vector<SbomComponent> pool = {
      component("Windows", "10", "cpe:2.3:o:microsoft:windows:10:*:*:*:*:*:*:*"),
      component("OpenSSL", "1.0.2", "cpe:2.3:a:openssl:openssl:1.0.2:*:*:*:*:*:*:*"),
      component("Win32k", "6.1", "cpe:2.3:a:microsoft:win32k:6.1:*:*:*:*:*:*:*"),
      component("Windows", "7", "cpe:2.3:o:microsoft:windows:7:*:*:*:*:*:*:*"),
      component("zlib", "1.2.11", "cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*"),
  };
  std::vector<AttachedSbom> sboms;
  std::set<std::tuple<std::string, std::string, std::string>> models;
  for (const Device& d : devices) models.emplace(d.manufacturer, d.model, d.version);
  std::size_t n = 0;
  for (const auto& [vendor, model, version] : models) {
    AttachedSbom a{vendor, model, version, {}};
    for (std::size_t j = 0; j < 1 + n % 4; ++j) a.sbom.components.push_back(pool[(n + 2 * j) % pool.size()]);
    if (n % 5 == 0) {  // the subject itself names Windows
      a.sbom.has_subject = true;
      a.sbom.subject = pool[3];
    }
    sboms.push_back(std::move(a));
    if (n % 7 == 0) sboms.push_back({vendor, model, version, {}});  // a second SBOM: the first counts
    ++n;
  }
  sboms.push_back({"Nobody", "Owns this", "1", {}});
  sboms.back().sbom.components.push_back(pool[0]);

  const Device& cleared = devices[0];
  const Advisory vex = vex_clearing(entries[0].vulnerabilities[0].cve, cleared);
  const VendorAliases aliases;
  const FleetIndex index(devices, aliases, sboms);
  for (const bool with_vex : {false, true}) {
    std::vector<Advisory> all = entries;
    if (with_vex) all.push_back(vex);
    std::map<std::string, std::vector<std::string>> full;
    for (const Finding& f : match_devices(devices, all, aliases, sboms)) full[f.match->advisory_id].push_back(line(f));
    std::size_t compared = 0, through_components = 0;
    for (const Advisory& a : entries) {
      std::vector<std::string> alone;
      for (const Finding& f : index.match(a, all)) {
        alone.push_back(line(f));
        through_components += f.match->matched_by == "cpe+kev" ? 1 : 0;
      }
      EXPECT_EQ(alone, full[a.id]) << a.id << (with_vex ? " with VEX" : "");
      compared += alone.size();
    }
    EXPECT_GT(compared, devices.size() * entries.size() / 2);
    EXPECT_GT(through_components, devices.size());  // the SBOM components, not the OS alone
  }
}

}  // namespace
}  // namespace ward::devices

// Matching one advisory at a time against the indexed inventory gives, for every advisory, the
// findings a full match of all advisories gives for it: the labelled ICSMA inventory (operating
// systems assigned so KEV meets it) and the labelled CPE/purl set with its SBOMs, against every
// CSAF file, KEV and the identifier fixtures.
#include "devices/fleet_index.h"

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

}  // namespace
}  // namespace ward::devices

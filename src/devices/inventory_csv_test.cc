// Inventory CSV: mapping, quarantine with line and column, duplicate asset tags merged.
#include "devices/inventory_csv.h"

#include <fstream>

#include <gtest/gtest.h>

namespace ward::devices {
namespace {

TEST(InventoryCsv, FindsColumnsBySynonymAndMapping) {
  const std::string csv =
      "Asset Tag,Manufacturer,Model,Firmware Version,Department,IP Address,MAC,Patient Connected,Life Sustaining,OS\n"
      "A-1,Philips,IntelliVue MX40,B.06.17,ICU,10.1.2.3,00:09:fb:01:02:03,yes,no,\n"
      "A-2,BD,Alaris 8015 PC unit,9.33,Oncology,,,Y,N,Windows 7 Embedded\n";
  auto read = read_inventory_csv(csv, {}, "inv.csv");
  ASSERT_TRUE(read) << read.error().describe();
  ASSERT_EQ(read->devices.size(), 2u);
  EXPECT_TRUE(read->quarantined.empty());
  const Device& d = read->devices[0];
  EXPECT_EQ(d.device_id, "A-1");
  EXPECT_EQ(d.version, "B.06.17");
  EXPECT_EQ(d.department, "ICU");
  EXPECT_EQ(d.patient_connected, true);
  EXPECT_EQ(d.life_sustaining, false);
  EXPECT_EQ(read->devices[1].os, "Windows 7 Embedded");

  const std::string cmms = "Tag#;Make;Type;SW\nT9;GE Healthcare;Vivid I;BT06\n";
  auto mapped = read_inventory_csv(cmms, {{"asset_tag", "Tag#"}, {"manufacturer", "Make"}, {"model", "Type"}, {"version", "SW"}}, "cmms.csv");
  ASSERT_TRUE(mapped) << mapped.error().describe();
  ASSERT_EQ(mapped->devices.size(), 1u);
  EXPECT_EQ(mapped->devices[0].model, "Vivid I");
  EXPECT_EQ(mapped->devices[0].version, "BT06");
}

TEST(InventoryCsv, QuarantinesBadRowsWithLineAndColumn) {
  const std::string csv =
      "asset_tag,manufacturer,model,version,ip,patient_connected\n"
      "A-1,Philips,MX40,1.0,10.0.0.1,yes\n"
      ",Philips,MX40,1.0,,\n"
      "A-3,Philips,MX40,1.0,10.0.0.999,\n"
      "A-4,Philips,MX40,1.0,,sometimes\n"
      "A-5,Philips,MX40,1.0,,no\n";
  auto read = read_inventory_csv(csv, {}, "inv.csv");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->rows, 5u);
  ASSERT_EQ(read->devices.size(), 2u);
  ASSERT_EQ(read->quarantined.size(), 3u);
  EXPECT_EQ(read->quarantined[0].line, 3u);
  EXPECT_EQ(read->quarantined[0].field, "asset_tag");
  EXPECT_EQ(read->quarantined[0].describe(), "inv.csv:3: asset_tag: column \"asset_tag\" is empty");
  EXPECT_EQ(read->quarantined[1].field, "ip");
  EXPECT_EQ(read->quarantined[2].line, 5u);
  EXPECT_NE(read->quarantined[2].message.find("\"sometimes\" is not yes or no"), std::string::npos);
}

TEST(InventoryCsv, MergesDuplicateAssetTagsWithANote) {
  const std::string csv =
      "asset_tag,manufacturer,model,version,department\n"
      "A-1,Philips,MX40,1.0,ICU\n"
      "A-1,Philips,MX40,1.1,\n";
  auto read = read_inventory_csv(csv, {}, "inv.csv");
  ASSERT_TRUE(read);
  ASSERT_EQ(read->devices.size(), 1u);
  EXPECT_EQ(read->merged_duplicates, 1u);
  EXPECT_EQ(read->devices[0].version, "1.1");     // the later value wins
  EXPECT_EQ(read->devices[0].department, "ICU");  // an empty cell does not erase
  EXPECT_EQ(read->devices[0].notes, "merged with the duplicate on line 3");
}

TEST(InventoryCsv, MissingRequiredColumnFailsTheFile) {
  auto read = read_inventory_csv("tag,make\n1,2\n", {}, "inv.csv");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().field, "asset_tag");
  auto mapped = read_inventory_csv("tag,make\n1,2\n", {{"model", "Typ"}}, "inv.csv");
  ASSERT_FALSE(mapped);
  EXPECT_NE(mapped.error().message.find("\"Typ\""), std::string::npos);
}

TEST(InventoryCsv, MappingFileRejectsUnknownFields) {
  const auto dir = std::filesystem::temp_directory_path() / "ward-devices-mapping-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "good.yaml") << "columns:\n  asset_tag: \"Tag#\"\n  version: SW\n";
  std::ofstream(dir / "bad.yaml") << "columns:\n  firmware: SW\n";
  auto good = load_column_mapping(dir / "good.yaml");
  ASSERT_TRUE(good) << good.error().describe();
  EXPECT_EQ(good->at("asset_tag"), "Tag#");
  auto bad = load_column_mapping(dir / "bad.yaml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "mapping.columns.firmware: unknown field");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ward::devices

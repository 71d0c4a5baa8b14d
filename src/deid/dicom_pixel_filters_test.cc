// The filter rules: deid's recipe as shipped (every rule read, what its rules catch on datasets
// built here), the joining of tests and lines, and the errors a user's recipe gets.
#include "deid/dicom_pixel_filters.h"

#include <algorithm>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

namespace ward::deid {
namespace {

std::vector<std::string> names(const PixelFilters& f, DcmItem& d, DcmItem* meta = nullptr) {
  std::vector<std::string> out;
  for (const FilterRule* r : f.matching(d, meta)) out.push_back(r->name());
  return out;
}

bool has(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

PixelFilters parsed(std::string_view text) {
  auto f = PixelFilters::parse(text, "test.dicom");
  EXPECT_TRUE(f) << f.error().describe();
  return f ? std::move(*f) : PixelFilters{};
}

TEST(PixelFilters, EveryRuleOfDeidsRecipeIsRead) {
  const auto& rules = PixelFilters::builtin().rules();
  ASSERT_EQ(rules.size(), 118u) << "the 118 LABEL rules of deid.dicom (MANIFEST.md)";
  const auto count = [&](FilterList l) { return std::count_if(rules.begin(), rules.end(), [&](const FilterRule& r) { return r.list == l; }); };
  EXPECT_EQ(count(FilterList::whitelist), 2);
  EXPECT_EQ(count(FilterList::graylist), 109);
  EXPECT_EQ(count(FilterList::blacklist), 7);
  const auto iu22 = std::find_if(rules.begin(), rules.end(), [](const FilterRule& r) { return r.label == "Philips IU22"; });
  ASSERT_NE(iu22, rules.end());
  ASSERT_EQ(iu22->regions.size(), 1u);
  EXPECT_EQ(iu22->regions[0].x1, 640) << "ctpcoordinates 0,0,640,47 is x, y, width, height";
  EXPECT_EQ(iu22->regions[0].y1, 47);
  const auto lab = std::find_if(rules.begin(), rules.end(), [](const FilterRule& r) { return r.label == "3D Lab reconstructions"; });
  ASSERT_NE(lab, rules.end());
  EXPECT_EQ(lab->regions.at(0).x0, 450) << "coordinates 450,0,672, 85 is x0, y0, x1, y1";
  EXPECT_EQ(lab->regions.at(0).y1, 85);
}

TEST(PixelFilters, DeidsRulesCatchTheDevicesTheyName) {
  const PixelFilters& f = PixelFilters::builtin();
  DcmItem us;
  us.putAndInsertString(DCM_Modality, "US");
  us.putAndInsertString(DCM_Manufacturer, "Philips Medical Systems");
  us.putAndInsertString(DCM_ManufacturerModelName, "iU22");
  us.putAndInsertUint16(DCM_Rows, 480);
  us.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY");
  EXPECT_EQ(names(f, us), std::vector<std::string>{"graylist \"Philips IU22\""});
  us.putAndInsertUint16(DCM_Rows, 481);
  EXPECT_TRUE(names(f, us).empty()) << "equals Rows 480 is exact";

  DcmItem ct;
  ct.putAndInsertString(DCM_Modality, "CT");
  ct.putAndInsertString(DCM_Manufacturer, "GE MEDICAL SYSTEMS");
  ct.putAndInsertString(DCM_ManufacturerModelName, "LightSpeed VCT");
  ct.putAndInsertString(DCM_ImageType, "DERIVED\\SECONDARY\\SCREEN SAVE");
  const auto vct = names(f, ct);
  EXPECT_TRUE(has(vct, "graylist \"LightSpeed Dose Report\"")) << "contains ImageType SCREEN SAVE";
  EXPECT_TRUE(has(vct, "graylist \"Stanford CT GE Medical Systems LightSpeed VCT\""));
  EXPECT_TRUE(has(vct, "blacklist \"Stanford Blacklist secondary or derived catchall\"")) << "Modality CT|MR, ImageType DERIVED|…";
  EXPECT_FALSE(has(vct, "graylist \"LightSpeed Localizers\"")) << "no LOCAL, no Localizer";

  DcmItem sensation;
  sensation.putAndInsertString(DCM_Modality, "CT");
  sensation.putAndInsertString(DCM_ManufacturerModelName, "Sensation 64");
  sensation.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
  EXPECT_EQ(names(f, sensation), std::vector<std::string>{"whitelist \"CT Siemens Sensation 64 Catch-all\""});

  DcmItem report;
  report.putAndInsertString(DCM_Modality, "OT");
  report.putAndInsertString(DCM_ImageType, "DERIVED\\REPORTDATA");
  const auto r = names(f, report);
  EXPECT_TRUE(has(r, "blacklist \"Any REPORTDATA\""));
  EXPECT_TRUE(has(r, "blacklist \"Any Scanned Document or Secondary Save\"")) << "its second line, Modality OT, is a check of its own";

  DcmItem bare;
  bare.putAndInsertString(DCM_Modality, "MG");
  bare.putAndInsertString(DCM_Manufacturer, "HOLOGIC, Inc.");
  EXPECT_EQ(names(f, bare), std::vector<std::string>{"blacklist \"Stanford Blacklist Missing ImageType\""});
  bare.putAndInsertString(DCM_ImageType, "");
  EXPECT_TRUE(has(names(f, bare), "blacklist \"Stanford Blacklist Missing ImageType\"")) << "|| empty ImageType";
  EXPECT_TRUE(has(names(f, bare), "blacklist \"Burned In Annotation\"")) << "its || empty ImageType";
  bare.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY");
  EXPECT_TRUE(names(f, bare).empty());
}

TEST(PixelFilters, PlusAndsOrOrsABareLineStartsAnotherCheck) {
  const PixelFilters f = parsed(
      "FORMAT dicom\n%filter blacklist\n"
      "LABEL both\n  contains Modality CT\n  + contains Manufacturer GE\n"
      "LABEL either\n  contains Modality MR\n  || contains Manufacturer GE\n"
      "LABEL checks\n  contains Modality XA\n  contains Manufacturer ACME\n  + equals Rows 7\n"
      "LABEL inner\n  contains Modality CT + contains Manufacturer SIEMENS || present StationName\n");
  DcmItem d;
  d.putAndInsertString(DCM_Modality, "CT");
  EXPECT_TRUE(names(f, d).empty());
  d.putAndInsertString(DCM_Manufacturer, "GE Healthcare");
  EXPECT_EQ(names(f, d), (std::vector<std::string>{"blacklist \"both\"", "blacklist \"either\""}));
  d.putAndInsertString(DCM_StationName, "CT01");
  EXPECT_TRUE(has(names(f, d), "blacklist \"inner\"")) << "(CT and SIEMENS) or StationName, left to right";
  DcmItem x;
  x.putAndInsertString(DCM_Modality, "XA");
  EXPECT_EQ(names(f, x), std::vector<std::string>{"blacklist \"checks\""}) << "the first check alone";
  DcmItem acme;
  acme.putAndInsertString(DCM_Manufacturer, "ACME");
  EXPECT_TRUE(names(f, acme).empty()) << "the second check wants Rows 7 too";
  acme.putAndInsertUint16(DCM_Rows, 7);
  EXPECT_EQ(names(f, acme), std::vector<std::string>{"blacklist \"checks\""});
}

TEST(PixelFilters, TestsReadValuesAsDeidDoes) {
  const PixelFilters f = parsed(
      "%filter graylist\n"
      "LABEL regex\n  contains Modality ct|mr\n"
      "LABEL plus in a value\n  contains ManufacturerModelName SOMATOM Definition AS+\n"
      "LABEL one of the values\n  equals ImageType secondary\n"
      "LABEL not\n  notequals Modality CT\n  + notcontains Manufacturer GE\n"
      "LABEL by number\n  present 0x00181000\n"
      "LABEL meta\n  contains ImplementationVersionName MINDRAY\n"
      "LABEL all\n  coordinates all\n");
  DcmItem d;
  d.putAndInsertString(DCM_Modality, "MR");
  d.putAndInsertString(DCM_ManufacturerModelName, "SOMATOM Definition AS+");
  d.putAndInsertString(DCM_ImageType, "DERIVED\\SECONDARY");
  d.putAndInsertString(DCM_DeviceSerialNumber, "123");
  DcmItem meta;
  meta.putAndInsertString(DCM_ImplementationVersionName, "MINDRAY_V1");
  const auto n = names(f, d, &meta);
  for (std::string_view label : {"regex", "plus in a value", "one of the values", "not", "by number", "meta", "all"})
    EXPECT_TRUE(has(n, fmt::format("graylist \"{}\"", label))) << label;
  d.putAndInsertString(DCM_Modality, "CT");
  EXPECT_FALSE(has(names(f, d), "graylist \"not\""));
  EXPECT_FALSE(has(names(f, d), "graylist \"meta\"")) << "no meta header given";
}

TEST(PixelFilters, ARecipesMistakesNameTheFileAndLine) {
  const auto error = [](std::string_view text) {
    auto f = PixelFilters::parse(text, "mine.dicom");
    EXPECT_FALSE(f);
    return f ? std::string() : f.error().describe();
  };
  EXPECT_EQ(error("FORMAT dicom\n%filter graylist\nLABEL ADAC\n  equals Rows 832\n  + contains Manfacturer ADAC\n"),
            "mine.dicom:5: \"Manfacturer\" is not a DICOM keyword: \"+ contains Manfacturer ADAC\"");
  EXPECT_EQ(error("%filter graylist\nLABEL x\n  contains Modality US\n  ctpcoordinates 0,0,640\n"),
            "mine.dicom:4: coordinates are four whole numbers, or all: \"ctpcoordinates 0,0,640\"");
  EXPECT_EQ(error("%filter greenlist\n"), "mine.dicom:1: a %filter section is whitelist, graylist or blacklist: \"%filter greenlist\"");
  EXPECT_EQ(error("%filter blacklist\n  contains Modality US\n"),
            "mine.dicom:2: a test or coordinates before the first LABEL of the section: \"contains Modality US\"");
  EXPECT_EQ(error("%filter blacklist\nLABEL x\n  startswith Modality US\n"),
            "mine.dicom:3: \"startswith\" is not a test (contains, notcontains, equals, notequals, missing, empty, present): "
            "\"startswith Modality US\"");
  EXPECT_NE(error("%filter blacklist\nLABEL x\n  contains Modality (CT\n").find("mine.dicom:3: \"(CT\" is not a regular expression"),
            std::string::npos);
  EXPECT_EQ(error("%filter blacklist\nLABEL x\n  missing Modality US\n"), "mine.dicom:3: missing takes a field only: \"missing Modality US\"");
  EXPECT_EQ(error("LABEL x\n"), "mine.dicom:1: expected FORMAT dicom or a %filter section: \"LABEL x\"");
}

TEST(PixelFilters, OtherSectionsOfARecipeAreSkipped) {
  const PixelFilters f = parsed("FORMAT dicom\n%header\nREMOVE PatientName\nADD PatientIdentityRemoved YES\n"
                                "%filter blacklist\nLABEL x # a comment\n  present Modality\n"
                                "%filter whitelist\nLABEL y\n  coordinates from:SequenceOfUltrasoundRegions\n");
  ASSERT_EQ(f.rules().size(), 2u);
  EXPECT_EQ(f.rules()[0].label, "x");
  EXPECT_EQ(f.rules()[0].line, 6u);
  ASSERT_EQ(f.rules()[1].regions.size(), 1u);
  EXPECT_TRUE(f.rules()[1].regions[0].from_field());
}

// An ultrasound image's regions (PS3.3 C.8.5.5), each Region Location Max the region's last pixel.
void add_ultrasound_region(DcmItem& d, Uint32 x0, Uint32 y0, Uint32 x1, Uint32 y1) {
  DcmItem* item = nullptr;
  ASSERT_TRUE(d.findOrCreateSequenceItem(DCM_SequenceOfUltrasoundRegions, item, -2).good());
  item->putAndInsertUint32(DCM_RegionLocationMinX0, x0);
  item->putAndInsertUint32(DCM_RegionLocationMinY0, y0);
  item->putAndInsertUint32(DCM_RegionLocationMaxX1, x1);
  item->putAndInsertUint32(DCM_RegionLocationMaxY1, y1);
}

TEST(PixelFilters, CoordinatesFromAFieldAreReadFromEachImage) {
  const PixelFilters f = parsed("%filter graylist\nLABEL outside the scan\n  present Modality\n  coordinates all\n"
                                "  keepcoordinates from:SequenceOfUltrasoundRegions\n");
  const FilterRule& rule = f.rules()[0];
  DcmDataset d;
  add_ultrasound_region(d, 10, 20, 109, 219);
  add_ultrasound_region(d, 120, 20, 159, 59);
  auto regions = rule.regions_in(d);
  ASSERT_TRUE(regions) << regions.error().describe();
  ASSERT_EQ(regions->size(), 3u);
  EXPECT_TRUE((*regions)[0].whole_image);
  EXPECT_FALSE((*regions)[0].keep);
  for (std::size_t i : {1, 2}) EXPECT_TRUE((*regions)[i].keep && !(*regions)[i].from_field());
  EXPECT_EQ(std::vector<std::int64_t>({(*regions)[1].x0, (*regions)[1].y0, (*regions)[1].x1, (*regions)[1].y1}),
            (std::vector<std::int64_t>{10, 20, 110, 220}))
      << "columns 10..109 and rows 20..219 kept";
  EXPECT_EQ(std::vector<std::int64_t>({(*regions)[2].x0, (*regions)[2].y0, (*regions)[2].x1, (*regions)[2].y1}),
            (std::vector<std::int64_t>{120, 20, 160, 60}));

  DcmDataset without;
  auto none = rule.regions_in(without);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message,
            "no item of SequenceOfUltrasoundRegions with the four Region Location values to read coordinates from");
  auto misspelt = PixelFilters::parse("%filter graylist\nLABEL x\n  present Modality\n  coordinates from:SequenceOfUltrasoundRegoins\n",
                                      "mine.dicom");
  ASSERT_FALSE(misspelt);
  EXPECT_EQ(misspelt.error().describe(),
            "mine.dicom:4: \"SequenceOfUltrasoundRegoins\" is not a DICOM keyword: \"coordinates from:SequenceOfUltrasoundRegoins\"");
}

}  // namespace
}  // namespace ward::deid

// Which images are flagged for pixel review, and why: each public sample under deid's rules,
// and how Burned In Annotation, the modality and whitelist rules combine.
#include "deid/dicom_pixel_review.h"

#include <map>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::deid {
namespace {

PixelOutcome review_file(const std::filesystem::path& path, const PixelFilters& filters = PixelFilters::builtin()) {
  DcmFileFormat f;
  EXPECT_TRUE(f.loadFile(path.c_str()).good()) << path;
  return review_pixels(*f.getDataset(), f.getMetaInfo(), f.getDataset()->getOriginalXfer(), filters, false);
}

TEST(PixelReview, EachSharedSampleUnderDeidsRules) {
  const std::string mr = "blacklist \"Any Scanned Document or Secondary Save\"; "
                         "blacklist \"Stanford Blacklist secondary or derived catchall\"";
  // The MR samples are DERIVED\SECONDARY MR images: deid's blacklist catches them. The files
  // without pixel data (RT Structure Set, SR, the two private-tag samples) have nothing to look
  // at, though deid's blacklist would name them for their missing Image Type.
  const std::map<std::string, std::string> expected = {
      {"CT_small.dcm", ""},                 // CT, ORIGINAL\PRIMARY\AXIAL, GE RHAPSODE: no rule
      {"MR_small.dcm", mr},
      {"MR_small_implicit.dcm", mr},
      {"MR_small_bigendian.dcm", mr},
      {"dicomdirtests_77654033_CR1_6154.dcm", ""},  // CR, DERIVED\PRIMARY: the catch-all is for CT and MR
      {"liver_1frame.dcm", ""},             // SEG, DERIVED\PRIMARY
      {"rtstruct.dcm", ""},
      {"test-SR.dcm", ""},
      {"priv_SQ.dcm", ""},
      {"UN_sequence.dcm", ""},
  };
  std::size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ward::testing::shared_data("dicom/files"))) {
    if (entry.path().extension() != ".dcm") continue;
    const std::string name = entry.path().filename().string();
    ASSERT_TRUE(expected.count(name)) << name << " is new: say what it should give";
    const PixelOutcome out = review_file(entry.path());
    EXPECT_EQ(out.reason, expected.at(name)) << name;
    EXPECT_EQ(out.review, !expected.at(name).empty()) << name;
    ++seen;
  }
  EXPECT_EQ(seen, expected.size());
}

DcmDataset ultrasound() {
  DcmDataset d;
  d.putAndInsertString(DCM_Modality, "US");
  d.putAndInsertString(DCM_ManufacturerModelName, "CleanScope 1");
  d.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY");
  d.putAndInsertUint16(DCM_Rows, 2);
  d.putAndInsertUint16(DCM_Columns, 2);
  d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  d.putAndInsertUint16(DCM_BitsAllocated, 8);
  const Uint8 pixels[4] = {1, 2, 3, 4};
  d.putAndInsertUint8Array(DCM_PixelData, pixels, 4);
  return d;
}

TEST(PixelReview, AWhitelistRuleClearsTheModalityButNeverBurnedInAnnotation) {
  auto filters = PixelFilters::parse("%filter whitelist\nLABEL our clean scanner\n  contains ManufacturerModelName CleanScope\n", "ours");
  ASSERT_TRUE(filters) << filters.error().describe();
  DcmDataset d = ultrasound();
  EXPECT_EQ(review_pixels(d, nullptr, EXS_LittleEndianExplicit, PixelFilters::builtin(), false).reason,
            "modality US often carries text in its pixels");
  EXPECT_FALSE(review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, false).review) << "vouched for by the whitelist";
  d.putAndInsertString(DCM_BurnedInAnnotation, "YES");
  EXPECT_EQ(review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, false).reason, "Burned In Annotation is YES");
  d.putAndInsertString(DCM_BurnedInAnnotation, "NO");
  EXPECT_FALSE(review_pixels(d, nullptr, EXS_LittleEndianExplicit, PixelFilters::builtin(), false).review) << "it says NO";
}

TEST(PixelReview, ABlacklistRuleIsTheReasonOnlyWhenNothingElseIs) {
  auto filters = PixelFilters::parse("%filter blacklist\nLABEL our dose screens\n  contains SeriesDescription Dose\n"
                                     "%filter graylist\nLABEL our CleanScope\n  contains ManufacturerModelName CleanScope\n"
                                     "  + equals Rows 3\n  coordinates 0,0,2,1\n", "ours");
  ASSERT_TRUE(filters) << filters.error().describe();
  DcmDataset d = ultrasound();
  d.putAndInsertString(DCM_Modality, "CT");
  d.putAndInsertString(DCM_SeriesDescription, "Dose Report");
  EXPECT_EQ(review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, false).reason, "blacklist \"our dose screens\"");
  const PixelOutcome cleaning = review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, true);
  EXPECT_EQ(cleaning.reason, "blacklist \"our dose screens\" (no coordinates to clean)");
  EXPECT_TRUE(cleaning.cleaned.empty());
  d.putAndInsertString(DCM_BurnedInAnnotation, "YES");
  EXPECT_EQ(review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, false).reason, "Burned In Annotation is YES");
  d.putAndInsertUint16(DCM_Rows, 3);
  EXPECT_EQ(review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, false).reason,
            "Burned In Annotation is YES; graylist \"our CleanScope\"") << "a graylist rule knows where the text is";
  d.findAndDeleteElement(DCM_PixelData);
  EXPECT_EQ(review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, false).reason, "Burned In Annotation is YES")
      << "without pixel data the rules are not asked";
}

TEST(PixelReview, CleaningEveryMatchingRuleClearsTheFlag) {
  auto filters = PixelFilters::parse("%filter graylist\nLABEL our CleanScope\n  contains ManufacturerModelName CleanScope\n"
                                     "  coordinates 0,0,2,1\n", "ours");
  ASSERT_TRUE(filters) << filters.error().describe();
  DcmDataset d = ultrasound();
  d.putAndInsertString(DCM_BurnedInAnnotation, "YES");
  const PixelOutcome out = review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, true);
  EXPECT_FALSE(out.review) << out.reason;
  EXPECT_TRUE(out.all_cleaned);
  EXPECT_EQ(out.cleaned, "graylist \"our CleanScope\": 2 pixels in 1 frame(s)");
  const Uint8* pixels = nullptr;
  ASSERT_TRUE(d.findAndGetUint8Array(DCM_PixelData, pixels).good());
  EXPECT_EQ(std::vector<Uint8>(pixels, pixels + 4), (std::vector<Uint8>{0, 0, 3, 4})) << "the top row of the 2 × 2 image";
}

TEST(PixelReview, AnUltrasoundIsBlankedOutsideTheRegionsItNames) {
  // deid's way for ultrasound: blank everything, keep the scan regions the image describes.
  auto filters = PixelFilters::parse("%filter graylist\nLABEL outside the scan\n  equals Modality US\n  coordinates all\n"
                                     "  keepcoordinates from:SequenceOfUltrasoundRegions\n", "ours");
  ASSERT_TRUE(filters) << filters.error().describe();
  DcmDataset d = ultrasound();
  const PixelOutcome missing = review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, true);
  EXPECT_TRUE(missing.review) << "no regions to keep: nothing is blanked, the image stays flagged";
  EXPECT_EQ(missing.reason, "modality US often carries text in its pixels; graylist \"outside the scan\" (not cleaned: no item of "
                            "SequenceOfUltrasoundRegions with the four Region Location values to read coordinates from)");
  DcmItem* region = nullptr;
  ASSERT_TRUE(d.findOrCreateSequenceItem(DCM_SequenceOfUltrasoundRegions, region, -2).good());
  region->putAndInsertUint32(DCM_RegionLocationMinX0, 1);
  region->putAndInsertUint32(DCM_RegionLocationMinY0, 0);
  region->putAndInsertUint32(DCM_RegionLocationMaxX1, 1);
  region->putAndInsertUint32(DCM_RegionLocationMaxY1, 1);
  const PixelOutcome out = review_pixels(d, nullptr, EXS_LittleEndianExplicit, *filters, true);
  EXPECT_FALSE(out.review) << out.reason;
  EXPECT_EQ(out.cleaned, "graylist \"outside the scan\": 2 pixels in 1 frame(s)");
  const Uint8* pixels = nullptr;
  ASSERT_TRUE(d.findAndGetUint8Array(DCM_PixelData, pixels).good());
  EXPECT_EQ(std::vector<Uint8>(pixels, pixels + 4), (std::vector<Uint8>{0, 2, 0, 4})) << "the right column (x = 1) is the region";
}

}  // namespace
}  // namespace ward::deid

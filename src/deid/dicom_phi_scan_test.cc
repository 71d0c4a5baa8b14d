// `ward scan` of DICOM: the public CT sample's identifiers found by attribute, private creators and
// UIDs not reported, the patient's own name found inside a description, ages over 89, photographs.
#include "deid/dicom_phi_scan.h"

#include <algorithm>
#include <fstream>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <gtest/gtest.h>

#include "ocr/ocr.h"
#include "phi/formats/pdf_testing.h"
#include "phi/formats/pdf_text.h"
#include "phi/scanner_testing.h"
#include "testing/shared_data.h"

namespace ward::deid {
namespace {

using phi::PhiType;

phi::StructuredScan scanned(const std::filesystem::path& file) {
  auto fields = phi::FieldScanner::make(phi::testing::shared_scanner());
  EXPECT_TRUE(fields);
  auto out = scan_dicom_file(file, *fields);
  EXPECT_TRUE(out) << out.error().describe();
  return out ? std::move(*out) : phi::StructuredScan{};
}

const phi::FieldFinding* at(const phi::StructuredScan& s, std::string_view location) {
  auto it = std::find_if(s.findings.begin(), s.findings.end(), [&](const phi::FieldFinding& f) { return f.location == location; });
  return it == s.findings.end() ? nullptr : &*it;
}

TEST(DicomPhiScan, TheCtSamplesIdentifiersAreFoundByAttribute) {
  const phi::StructuredScan s = scanned(ward::testing::shared_data("dicom/files/CT_small.dcm"));
  const phi::FieldFinding* name = at(s, "PatientName (0010,0010)");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->type, PhiType::name);
  EXPECT_EQ(name->value, "CompressedSamples^CT1");
  ASSERT_NE(at(s, "PatientID (0010,0020)"), nullptr);
  EXPECT_EQ(at(s, "PatientID (0010,0020)")->type, PhiType::mrn);
  ASSERT_NE(at(s, "StudyDate (0008,0020)"), nullptr);
  EXPECT_EQ(at(s, "StudyDate (0008,0020)")->type, PhiType::date);
  const phi::FieldFinding* nested = at(s, "OtherPatientIDsSequence (0010,1002)[1] > PatientID (0010,0020)");
  ASSERT_NE(nested, nullptr) << "inside sequences too";
  for (const phi::FieldFinding& f : s.findings) {
    EXPECT_EQ(f.location.find("PrivateCreator"), std::string::npos) << "a vendor's code is no name: " << f.location;
    EXPECT_EQ(f.location.find("UID"), std::string::npos) << f.location;
    EXPECT_EQ(f.location.find("(0002,"), std::string::npos) << f.location;
  }
}

TEST(DicomPhiScan, TextAttributesAgesAndPhotographs) {
  const ward::testing::TempDir dir;
  DcmFileFormat f;
  DcmDataset& d = *f.getDataset();
  d.putAndInsertString(DCM_SOPClassUID, UID_VLPhotographicImageStorage);
  d.putAndInsertString(DCM_SOPInstanceUID, "1.2.3.4");
  d.putAndInsertString(DCM_Modality, "XC");
  d.putAndInsertString(DCM_PatientName, "Whitfield^Jonathan");
  d.putAndInsertString(DCM_PatientAge, "093Y");
  d.putAndInsertString(DCM_StudyDescription, "Wound photo for Jonathan Whitfield");
  d.putAndInsertString(DCM_SeriesDescription, "Left heel, lateral");
  const Uint8 pixels[4] = {1, 2, 3, 4};
  d.putAndInsertUint16(DCM_Rows, 2);
  d.putAndInsertUint16(DCM_Columns, 2);
  d.putAndInsertUint8Array(DCM_PixelData, pixels, 4);
  const auto path = dir.path() / "photo.dcm";
  ASSERT_TRUE(f.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());

  const phi::StructuredScan s = scanned(path);
  ASSERT_NE(at(s, "PatientAge (0010,1010)"), nullptr);
  EXPECT_EQ(at(s, "PatientAge (0010,1010)")->type, PhiType::age);
  const phi::FieldFinding* in_text = at(s, "StudyDescription (0008,1030)");
  ASSERT_NE(in_text, nullptr) << "the patient's name in a description";
  EXPECT_EQ(in_text->type, PhiType::name);
  std::string found;  // the name's findings in the description, one or more spans
  for (const phi::FieldFinding& x : s.findings)
    if (x.location == "StudyDescription (0008,1030)") found += x.value;
  EXPECT_NE(found.find("Jonathan"), std::string::npos) << found;
  EXPECT_NE(found.find("Whitfield"), std::string::npos) << found;
  EXPECT_EQ(at(s, "SeriesDescription (0008,103e)"), nullptr) << "no PHI in it";
  const phi::FieldFinding* photo = at(s, "PixelData (7fe0,0010)");
  ASSERT_NE(photo, nullptr);
  EXPECT_EQ(photo->type, PhiType::biometric);
  EXPECT_EQ(photo->reason, "a photograph (modality XC): it may show the face");
}

TEST(DicomPhiScan, TextBurnedIntoAnUltrasoundIsReadByOcr) {
  // The top of a letter page drawn by poppler becomes an ultrasound frame's pixels: text burned in.
  auto page = phi::render_pdf_page(ward::testing::pdf_with_pages({{"WHITFIELD DANIEL", "MRN 00123456"}}), 0, 150);
  ASSERT_TRUE(page) << page.error().describe();
  const int width = 800, height = 240;
  std::vector<Uint8> pixels(static_cast<std::size_t>(width) * height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) pixels[static_cast<std::size_t>(y) * width + x] = page->pixels[static_cast<std::size_t>(y) * page->width + x];
  const ward::testing::TempDir dir;
  DcmFileFormat f;
  DcmDataset& d = *f.getDataset();
  d.putAndInsertString(DCM_SOPClassUID, UID_UltrasoundImageStorage);
  d.putAndInsertString(DCM_SOPInstanceUID, "1.2.3.5");
  d.putAndInsertString(DCM_Modality, "US");
  d.putAndInsertString(DCM_PatientName, "Whitfield^Daniel");
  d.putAndInsertUint16(DCM_Rows, height);
  d.putAndInsertUint16(DCM_Columns, width);
  d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  d.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
  d.putAndInsertUint16(DCM_BitsAllocated, 8);
  d.putAndInsertUint16(DCM_BitsStored, 8);
  d.putAndInsertUint16(DCM_HighBit, 7);
  d.putAndInsertUint16(DCM_PixelRepresentation, 0);
  d.putAndInsertUint8Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
  const auto path = dir.path() / "us.dcm";
  ASSERT_TRUE(f.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());

  auto fields = phi::FieldScanner::make(phi::testing::shared_scanner());
  ASSERT_TRUE(fields);
  auto without = scan_dicom_file(path, *fields);
  ASSERT_TRUE(without);
  EXPECT_EQ(at(*without, "PixelData (7fe0,0010) frame 1 text (OCR)"), nullptr) << "no OCR asked";
  auto ocr = ocr::Ocr::make();
  ASSERT_TRUE(ocr) << ocr.error().describe();
  auto with = scan_dicom_file(path, *fields, &*ocr);
  ASSERT_TRUE(with) << with.error().describe();
  std::vector<PhiType> types;
  for (const phi::FieldFinding& x : with->findings)
    if (x.location == "PixelData (7fe0,0010) frame 1 text (OCR)") types.push_back(x.type);
  EXPECT_NE(std::find(types.begin(), types.end(), PhiType::name), types.end()) << "the patient's name, known, in the pixels";
  EXPECT_NE(std::find(types.begin(), types.end(), PhiType::mrn), types.end());
}

TEST(DicomPhiScan, AFileDcmtkCannotReadIsAnError) {
  const ward::testing::TempDir dir;
  const auto path = dir.path() / "bogus.dcm";
  std::ofstream(path) << "not dicom";
  auto fields = phi::FieldScanner::make(phi::testing::shared_scanner());
  ASSERT_TRUE(fields);
  auto out = scan_dicom_file(path, *fields);
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().message.find("not a readable DICOM file"), std::string::npos) << out.error().message;
}

}  // namespace
}  // namespace ward::deid

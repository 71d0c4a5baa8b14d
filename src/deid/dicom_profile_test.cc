// The Annex E table as shipped: every row read, actions with and without options, combined codes.
#include "deid/dicom_profile.h"

#include <gtest/gtest.h>

namespace ward::deid {
namespace {

TEST(ConfidentialityProfile, EveryRowOfTheTableIsRead) {
  EXPECT_EQ(ConfidentialityProfile::annex_e().size(), 621u) << "the 621 attributes of Table E.1-1 (MANIFEST.md)";
}

TEST(ConfidentialityProfile, BasicProfileActions) {
  const auto& p = ConfidentialityProfile::annex_e();
  const std::set<DicomOption> none;
  EXPECT_EQ(p.action(0x0010, 0x0010, none), DicomAction::zero) << "Patient's Name: Z";
  EXPECT_EQ(p.action(0x0010, 0x0020, none), DicomAction::dummy) << "Patient ID: Z/D resolves to D";
  EXPECT_EQ(p.action(0x0008, 0x0080, none), DicomAction::dummy) << "Institution Name: X/Z/D resolves to D";
  EXPECT_EQ(p.action(0x0008, 0x1030, none), DicomAction::remove) << "Study Description: X";
  EXPECT_EQ(p.action(0x0020, 0x000d, none), DicomAction::uid) << "Study Instance UID: U";
  EXPECT_EQ(p.action(0x0008, 0x0070, none), std::nullopt) << "Manufacturer is not listed: kept";
  EXPECT_EQ(p.action(0x5002, 0x3000, none), DicomAction::remove) << "curve data (50xx,xxxx) by its wildcard row";
  EXPECT_EQ(p.action(0x0009, 0x1001, none), DicomAction::remove) << "private attributes (odd groups)";
}

TEST(ConfidentialityProfile, OptionsOverrideTheBasicProfile) {
  const auto& p = ConfidentialityProfile::annex_e();
  EXPECT_EQ(p.action(0x0008, 0x0020, {DicomOption::retain_longitudinal_dates}), DicomAction::clean) << "Study Date: shifted";
  EXPECT_EQ(p.action(0x0008, 0x1030, {DicomOption::clean_descriptors}), DicomAction::clean);
  EXPECT_EQ(p.action(0x0020, 0x000d, {DicomOption::retain_uids}), DicomAction::keep);
  EXPECT_EQ(p.action(0x0010, 0x0040, {DicomOption::retain_patient_characteristics}), DicomAction::keep) << "sex";
  EXPECT_EQ(p.action(0x0008, 0x0080, {DicomOption::retain_institution_identity}), DicomAction::keep);
  EXPECT_EQ(p.action(0x0010, 0x0010, {DicomOption::retain_uids}), DicomAction::zero) << "an option without a say keeps the basic code";
  EXPECT_EQ(p.action(0x0008, 0x0020, {DicomOption::retain_longitudinal_full_dates}), DicomAction::keep) << "Study Date: kept";
  EXPECT_EQ(p.action(0x0008, 0x0030, {DicomOption::retain_longitudinal_full_dates}), DicomAction::keep) << "Study Time: kept";
  EXPECT_EQ(p.action(0x0010, 0x0030, {DicomOption::retain_longitudinal_full_dates}), DicomAction::zero)
      << "Patient's Birth Date is no longitudinal information: emptied";
}

TEST(ConfidentialityProfile, CodesAndOptionNames) {
  EXPECT_EQ(resolve_action_code("X/Z"), DicomAction::zero);
  EXPECT_EQ(resolve_action_code("X/Z/U*"), DicomAction::uid);
  EXPECT_EQ(resolve_action_code("Q"), std::nullopt);
  EXPECT_EQ(*dicom_option_from("retain-uids"), DicomOption::retain_uids);
  EXPECT_EQ(dicom_option_code(DicomOption::retain_longitudinal_dates), "113107");
  EXPECT_EQ(*dicom_option_from("retain-longitudinal-full-dates"), DicomOption::retain_longitudinal_full_dates);
  EXPECT_EQ(dicom_option_code(DicomOption::retain_longitudinal_full_dates), "113106");
  auto bad = dicom_option_from("keep-everything");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("unknown DICOM option \"keep-everything\""), std::string::npos);
  auto broken = ConfidentialityProfile::parse(R"json([{"tag":"(0010,0010)","basicProfile":"Q"}])json", "t.json");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().message, "t.json: [0].basicProfile: unknown code \"Q\"");
}

}  // namespace
}  // namespace ward::deid

// The Safe Private Attributes table as shipped (every row read, rows of several vendors), its
// parse errors, and the creator lookup per item.
#include "deid/dicom_safe_private.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <gtest/gtest.h>

namespace ward::deid {
namespace {

TEST(SafePrivateTable, EveryRowOfTheTableIsRead) {
  EXPECT_EQ(SafePrivateTable::annex_e().size(), 479u) << "the 479 rows of Table E.3.10-1, 2026d edition";
}

TEST(SafePrivateTable, KnowsTheStandardsRowsByCreatorGroupAndElement) {
  const auto& t = SafePrivateTable::annex_e();
  EXPECT_TRUE(t.is_safe("GEMS_ACQU_01", 0x0019, 0x23)) << "Table Speed";
  EXPECT_TRUE(t.is_safe("SIEMENS MR HEADER", 0x0019, 0x0c)) << "B Value";
  EXPECT_TRUE(t.is_safe("Philips PET Private Group", 0x7053, 0x00)) << "SUV Factor";
  EXPECT_TRUE(t.is_safe("HOLOGIC, Inc.", 0x7e01, 0x12));
  EXPECT_TRUE(t.is_safe("SIEMENS Ultrasound SC2000", 0x0119, 0x11)) << "a row the standard gives no VR";
  EXPECT_TRUE(t.is_safe("GEMS_ACQU_01 ", 0x0019, 0x23)) << "LO padding is not part of the creator";
  EXPECT_FALSE(t.is_safe("GEMS_ACQU_01", 0x0019, 0x0c)) << "another creator's offset";
  EXPECT_FALSE(t.is_safe("SIEMENS MR HEADER", 0x0019, 0x23));
  EXPECT_FALSE(t.is_safe("GEMS_ACQU_01", 0x0021, 0x23)) << "another group";
  EXPECT_FALSE(t.is_safe("gems_acqu_01", 0x0019, 0x23)) << "creators are compared as the standard writes them";
}

TEST(SafePrivateTable, ABadRowNamesTheFileAndLine) {
  auto bad = SafePrivateTable::parse("# comment\ncreator\tgroup\telement\tvr\tname\nGEMS\t0018\txx01\tDS\tX\n", "t.tsv");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().describe(), "t.tsv:3: the group is not an odd gggg: \"GEMS\t0018\txx01\tDS\tX\"");
  auto short_row = SafePrivateTable::parse("header\nGEMS\t0019\txx01\n", "t.tsv");
  ASSERT_FALSE(short_row);
  EXPECT_EQ(short_row.error().line, 2u);
  auto element = SafePrivateTable::parse("header\nGEMS\t0019\t1001\tDS\tX\n", "t.tsv");
  ASSERT_FALSE(element);
  EXPECT_NE(element.error().message.find("xxEE"), std::string::npos);
}

TEST(SafePrivateTable, TheCreatorIsTheOneReservingTheBlockInThatItem) {
  DcmItem item;
  item.putAndInsertString(DcmTag(0x0019, 0x0010, EVR_LO), "GEMS_ACQU_01");
  item.putAndInsertString(DcmTag(0x0019, 0x0011, EVR_LO), "SIEMENS MR HEADER ");
  EXPECT_EQ(private_creator_of(item, 0x0019, 0x1023), "GEMS_ACQU_01");
  EXPECT_EQ(private_creator_of(item, 0x0019, 0x110c), "SIEMENS MR HEADER");
  EXPECT_EQ(private_creator_of(item, 0x0019, 0x1201), "") << "no creator reserves block 12";
  EXPECT_EQ(private_creator_of(item, 0x0021, 0x1023), "") << "blocks are per group";
  EXPECT_EQ(private_creator_of(item, 0x0019, 0x0010), "") << "a creator element owns no block";
}

}  // namespace
}  // namespace ward::deid

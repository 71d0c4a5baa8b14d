// Dates read in the layouts the scanner finds, and written back shifted or as the year alone.
#include "deid/date_text.h"

#include <gtest/gtest.h>

namespace ward::deid {
namespace {

std::string shift(std::string_view text, int days) {
  auto d = DateText::parse(text);
  EXPECT_TRUE(d) << text;
  return d ? d->shifted(days) : "";
}

TEST(DateText, ShiftsEveryLayoutKeepingIt) {
  EXPECT_EQ(shift("2019-03-14", -10), "2019-03-04");
  EXPECT_EQ(shift("2019-03-14T10:30:00Z", -14), "2019-02-28T10:30:00Z") << "the time of day is kept";
  EXPECT_EQ(shift("3/14/2019", -14), "2/28/2019") << "no leading zero where there was none";
  EXPECT_EQ(shift("03/14/19 10:30", -74), "12/30/18 10:30") << "two-digit years stay two digits";
  EXPECT_EQ(shift("March 3rd, 2019", -2), "March 1st, 2019") << "the ordinal follows the day";
  EXPECT_EQ(shift("3 Mar 2019", 30), "2 Apr 2019") << "abbreviated stays abbreviated";
  EXPECT_EQ(shift("MARCH 14, 2019", 31), "APRIL 14, 2019") << "upper case stays upper case";
  EXPECT_EQ(shift("14th of June", 1), "15th of June") << "no year: none is written";
  EXPECT_EQ(shift("Sept. 2019", -31), "Aug. 2019") << "month and year: moved from the 15th";
  EXPECT_EQ(shift("12/31/2019", 1), "01/01/2020") << "across a year; two digits stay two digits";
}

TEST(DateText, ShiftsHl7v2TimestampsKeepingTimeAndZone) {
  EXPECT_EQ(shift("198808181126+0215", -18), "198807311126+0215");
  EXPECT_EQ(shift("20190314", -14), "20190228");
  EXPECT_EQ(shift("201903", -31), "201902") << "month precision stays month precision";
  EXPECT_EQ(DateText::parse("20150208113419+0110")->year_only(), "2015");
  EXPECT_FALSE(DateText::parse("123456789")) << "an identifier is no date";
}

TEST(DateText, IntervalsAreKeptAcrossLayouts) {
  // Two dates of one record, 5 days apart, in different layouts: still 5 days apart.
  EXPECT_EQ(shift("2019-03-09", -100), "2018-11-29");
  EXPECT_EQ(shift("March 4, 2019", -100), "November 24, 2018");
}

TEST(DateText, YearOnly) {
  EXPECT_EQ(DateText::parse("03/14/2019")->year_only(), "2019");
  EXPECT_EQ(DateText::parse("Mar 14th, 1937")->year_only(), "1937");
  EXPECT_EQ(DateText::parse("3/14/19")->year_only(), "2019");
  EXPECT_FALSE(DateText::parse("March 14")->year_only()) << "no year to keep";
}

TEST(DateText, RefusesWhatIsNotACalendarDate) {
  EXPECT_FALSE(DateText::parse("13/45/2019"));
  EXPECT_FALSE(DateText::parse("2019-02-30"));
  EXPECT_FALSE(DateText::parse("hello"));
  EXPECT_FALSE(DateText::parse("2019")) << "a year alone has no month";
  EXPECT_TRUE(DateText::parse("Feb 29")) << "29 February without a year is a date";
  EXPECT_EQ(shift("Feb 29", 1), "Mar 1");
}

}  // namespace
}  // namespace ward::deid

#include "core/time.h"

#include <gtest/gtest.h>

namespace ward {
namespace {

TEST(Time, ParsesFhirInstantWithZulu) {
  auto t = parse_iso8601("2015-08-22T23:42:24Z");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(*t, 1440286944LL * kNsPerSecond);
  EXPECT_EQ(format_iso8601(*t), "2015-08-22T23:42:24Z");
}

TEST(Time, AppliesOffsetAndKeepsFraction) {
  auto t = parse_iso8601("2015-08-23T01:42:24.125+02:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_iso8601(*t), "2015-08-22T23:42:24.125Z");
}

TEST(Time, ReadsLocalTimeInConfiguredZoneAcrossDst) {
  auto ny = find_time_zone("America/New_York");
  ASSERT_TRUE(ny);
  auto winter = parse_iso8601("2024-01-15 08:00:00", *ny);
  auto summer = parse_iso8601("2024-07-15T08:00:00", *ny);
  ASSERT_TRUE(winter && summer);
  EXPECT_EQ(format_iso8601(*winter), "2024-01-15T13:00:00Z");
  EXPECT_EQ(format_iso8601(*summer), "2024-07-15T12:00:00Z");
}

TEST(Time, UnknownZoneNamesTheZone) {
  auto z = find_time_zone("Mars/Olympus");
  ASSERT_FALSE(z);
  EXPECT_NE(z.error().message.find("Mars/Olympus"), std::string::npos);
}

TEST(Time, RejectsInvalidDates) {
  EXPECT_FALSE(parse_iso8601("2023-02-29"));
  EXPECT_FALSE(parse_iso8601("2023-13-01"));
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601("2023-01-01T25:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2023-01-01T10:00:00Zjunk"));
  EXPECT_TRUE(parse_iso8601("2024-02-29"));
}

TEST(Time, ParsesHl7TimestampsAtEveryPrecision) {
  EXPECT_EQ(format_iso8601(*parse_hl7_time("2029")), "2029-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(*parse_hl7_time("20290801")), "2029-08-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(*parse_hl7_time("202908010706")), "2029-08-01T07:06:00Z");
  EXPECT_EQ(format_iso8601(*parse_hl7_time("20290801070624+0115")), "2029-08-01T05:51:24Z");
  EXPECT_EQ(format_iso8601(*parse_hl7_time("20210817151943.4+0200")), "2021-08-17T13:19:43.4Z");
  EXPECT_EQ(format_iso8601(*parse_hl7_time("20210817151943^S")), "2021-08-17T15:19:43Z");
  EXPECT_FALSE(parse_hl7_time("2029080"));
  EXPECT_FALSE(parse_hl7_time("20291301"));
}

TEST(Time, ParsesVendorLayouts) {
  auto t = parse_time_with_format("3/7/2024 1:05:09 PM", "%m/%d/%Y %I:%M:%S %p");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(format_iso8601(*t), "2024-03-07T13:05:09Z");
  EXPECT_EQ(format_iso8601(*parse_time_with_format("1700000000", "epoch_s")), "2023-11-14T22:13:20Z");
  EXPECT_EQ(format_iso8601(*parse_time_with_format("1700000000123", "epoch_ms")),
            "2023-11-14T22:13:20.123Z");
  EXPECT_FALSE(parse_time_with_format("2024-03-07", "%m/%d/%Y"));
}

TEST(Time, LocalDateIsTheDayOnTheHospitalsWallClock) {
  auto ny = find_time_zone("America/New_York");
  ASSERT_TRUE(ny);
  // 02:30 UTC on the 18th is 21:30 on the 17th in Worcester.
  const TimeNs t = *parse_iso8601("2026-11-18T02:30:00Z");
  EXPECT_EQ(local_date(t, *ny), "2026-11-17");
  EXPECT_EQ(local_date(t, nullptr), "2026-11-18");
  EXPECT_EQ(local_date(*parse_iso8601("1969-12-31T23:59:59.5Z"), nullptr), "1969-12-31");
}


TEST(Time, WallClockGivesTheLocalDayAndHourAcrossDaylightSavingChanges) {
  auto ny = find_time_zone("America/New_York");
  ASSERT_TRUE(ny);
  WallClock clock(*ny);
  // Summer (EDT, UTC-4), then winter (EST, UTC-5) after the change on 2026-11-01, then back.
  const auto summer = clock.at(*parse_iso8601("2026-10-31T23:15:00Z"));
  EXPECT_EQ(format_day(summer.day), "2026-10-31");
  EXPECT_EQ(summer.hour, 19);
  EXPECT_EQ(summer.minute, 15);
  const auto winter = clock.at(*parse_iso8601("2026-11-18T02:30:00Z"));
  EXPECT_EQ(format_day(winter.day), "2026-11-17");
  EXPECT_EQ(winter.hour, 21);
  EXPECT_EQ(clock.at(*parse_iso8601("2026-10-31T23:15:00Z")).hour, 19);
  // It agrees with local_date at every hour of a month that holds a change.
  for (TimeNs t = *parse_iso8601("2026-10-20T00:00:00Z"); t < *parse_iso8601("2026-11-20T00:00:00Z");
       t += 3600 * kNsPerSecond)
    ASSERT_EQ(format_day(clock.at(t).day), local_date(t, *ny)) << format_iso8601(t);
  WallClock utc(nullptr);
  const auto before_1970 = utc.at(*parse_iso8601("1969-12-31T23:59:59.5Z"));
  EXPECT_EQ(format_day(before_1970.day), "1969-12-31");
  EXPECT_EQ(before_1970.hour, 23);
}

}  // namespace
}  // namespace ward

#include "demo/local_clock.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace ward::demo {
namespace {

LocalClock new_york(std::string_view start = "2026-11-01", int days = 7) {
  auto c = LocalClock::create(start, "America/New_York", days);
  EXPECT_TRUE(c) << c.error().describe();
  return *c;
}

TEST(LocalClock, WindowStartsAtLocalMidnight) {
  LocalClock c = new_york();
  EXPECT_EQ(c.iso(c.window_start()), "2026-11-01T00:00:00-04:00");
  EXPECT_EQ(c.iso(c.window_end()), "2026-11-08T00:00:00-05:00");
  EXPECT_EQ(c.day_of(c.window_start()), 0);
  EXPECT_EQ(c.day_of(c.window_end() - 1), 6);
  EXPECT_EQ(c.day_of(c.window_start() - 1), -1);
}

TEST(LocalClock, FallBackDayHasTwentyFiveHours) {
  LocalClock c = new_york("2026-11-01", 1);
  EXPECT_EQ(c.window_end() - c.window_start(), 25 * kHourMs);
  EXPECT_EQ(c.iso(c.at(0, 7 * 60)), "2026-11-01T07:00:00-05:00");
  EXPECT_EQ(c.iso(c.at(0, 60 + 30)), "2026-11-01T01:30:00-04:00");  // the first 01:30
  EXPECT_EQ(c.minute_of_day(c.at(0, 19 * 60)), 19 * 60);
}

TEST(LocalClock, FormatsHl7AndIsoThatCoreParsersReadBack) {
  LocalClock c = new_york();
  TimeMs t = c.at(2, 8 * 60 + 30) + 15'000;
  EXPECT_EQ(c.hl7(t), "20261103083015-0500");
  EXPECT_EQ(c.iso(t), "2026-11-03T08:30:15-05:00");
  EXPECT_EQ(c.local_date(t), "2026-11-03");
  auto from_hl7 = parse_hl7_time(c.hl7(t));
  auto from_iso = parse_iso8601(c.iso(t));
  ASSERT_TRUE(from_hl7 && from_iso);
  EXPECT_EQ(*from_hl7 / 1'000'000, t);
  EXPECT_EQ(*from_iso / 1'000'000, t);
}

TEST(LocalClock, WeekdaysAndWeekends) {
  LocalClock c = new_york();
  EXPECT_EQ(c.weekday(0), 0);  // 2026-11-01 is a Sunday
  EXPECT_TRUE(c.weekend(0));
  EXPECT_FALSE(c.weekend(1));
  EXPECT_TRUE(c.weekend(6));
  EXPECT_TRUE(c.weekend(-1));
}

TEST(LocalClock, UtcInstantAlwaysHasMilliseconds) {
  std::string s;
  append_utc_instant_ms(s, 1'793'509'200'000);
  EXPECT_EQ(s, "2026-11-01T05:00:00.000Z");
  s.clear();
  append_utc_instant_ms(s, 1'793'509'200'007);
  EXPECT_EQ(s, "2026-11-01T05:00:00.007Z");
  s.clear();
  append_utc_instant_ms(s, -1);
  EXPECT_EQ(s, "1969-12-31T23:59:59.999Z");
}

TEST(LocalClock, CivilDatesRoundTrip) {
  for (std::int64_t d : {-719468LL, -1LL, 0LL, 11016LL, 20758LL, 2932896LL}) {
    CivilDate c = civil_from_days(d);
    EXPECT_EQ(days_from_civil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(format_date(0), "1970-01-01");
  EXPECT_EQ(format_date(days_from_civil(2024, 2, 29)), "2024-02-29");
}

TEST(LocalClock, UnknownZoneNamesTheField) {
  auto c = LocalClock::create("2026-11-01", "Mars/Olympus", 7);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "time_zone");
  EXPECT_NE(c.error().message.find("Mars/Olympus"), std::string::npos);
}

TEST(LocalClock, BadStartDateNamesTheField) {
  for (std::string_view bad : {"2026-13-01", "2026-02-30", "01/11/2026", "2026-1-1", ""}) {
    auto c = LocalClock::create(bad, "UTC", 7);
    ASSERT_FALSE(c) << bad;
    EXPECT_EQ(c.error().field, "start_date") << bad;
    EXPECT_EQ(c.error().code, ErrorCode::invalid_input);
  }
}

TEST(LocalClock, ZeroDaysNamesTheField) {
  auto c = LocalClock::create("2026-11-01", "UTC", 0);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "days");
}

}  // namespace
}  // namespace ward::demo

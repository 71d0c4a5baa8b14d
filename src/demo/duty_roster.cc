#include "demo/duty_roster.h"

#include <array>

namespace ward::demo {
namespace {

constexpr int kDayShiftStart = 7 * 60;
constexpr int kNightShiftStart = 19 * 60;

}  // namespace

ShiftSlot shift_at(const LocalClock& clock, TimeMs t) {
  int day = clock.day_of(t);
  int minute = clock.minute_of_day(t);
  if (minute >= kDayShiftStart && minute < kNightShiftStart) return {day, Shift::day};
  if (minute >= kNightShiftStart) return {day, Shift::night};
  return {day - 1, Shift::night};
}

TimeMs shift_start(const LocalClock& clock, ShiftSlot s) {
  return clock.at(s.day, s.shift == Shift::day ? kDayShiftStart : kNightShiftStart);
}

TimeMs shift_end(const LocalClock& clock, ShiftSlot s) {
  return s.shift == Shift::day ? clock.at(s.day, kNightShiftStart) : clock.at(s.day + 1, kDayShiftStart);
}

int pick_on_duty(const Hospital& h, const LocalClock& clock, SeededRandom& rng, Role role, Dept dept,
                 TimeMs t, int until_day, int exclude) {
  const std::vector<int>& group = h.group(role, dept);
  ShiftSlot slot = shift_at(clock, t);
  int day = clock.day_of(t);
  // Tier 0: on this shift; 1: working this day; 2: employed.
  std::array<std::size_t, 3> counts{};
  auto tier_of = [&](int i) {
    const StaffMember& s = h.staff[static_cast<std::size_t>(i)];
    if (i == exclude || !s.active_on(until_day) || !s.active_on(day)) return 3;
    if (s.works_on(slot.day) && s.shift == slot.shift) return 0;
    if (s.works_on(day)) return 1;
    return 2;
  };
  for (int i : group) {
    int tier = tier_of(i);
    if (tier < 3) ++counts[static_cast<std::size_t>(tier)];
  }
  for (int tier = 0; tier < 3; ++tier) {
    std::size_t n = counts[static_cast<std::size_t>(tier)];
    if (n == 0) continue;
    std::size_t k = static_cast<std::size_t>(rng.below(n));
    for (int i : group) {
      if (tier_of(i) != tier) continue;
      if (k == 0) return i;
      --k;
    }
  }
  return -1;
}

}  // namespace ward::demo

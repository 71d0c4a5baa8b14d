// Who is at work when: shift arithmetic (day 07-19, night 19-07 local) and picking a member of a
// role and department on duty at a time, with fallbacks so that the work is always done by
// someone employed then. Used by the encounter builder and the access simulation.
#pragma once

#include "demo/hospital_model.h"
#include "demo/seeded_random.h"

namespace ward::demo {

struct ShiftSlot {
  int day = 0;  // window day the shift starts on (a night shift runs into the next day)
  Shift shift = Shift::day;
};

ShiftSlot shift_at(const LocalClock& clock, TimeMs t);
TimeMs shift_start(const LocalClock& clock, ShiftSlot s);
TimeMs shift_end(const LocalClock& clock, ShiftSlot s);

// A member of (role, dept) for work at `t`, employed through window day `until_day` (use the
// day of t when the job is short). Prefers members working that shift, then members working
// that day, then anyone employed; never `exclude`. -1 only when nobody qualifies.
int pick_on_duty(const Hospital& h, const LocalClock& clock, SeededRandom& rng, Role role, Dept dept,
                 TimeMs t, int until_day, int exclude = -1);

}  // namespace ward::demo

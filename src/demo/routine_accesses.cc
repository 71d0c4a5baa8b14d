// The routine accesses: what each encounter makes the staff open, shift by shift.
#include <algorithm>
#include <array>

#include "demo/accesses.h"
#include "demo/duty_roster.h"

namespace ward::demo {
namespace {

// Share of inpatient day shifts on which a colleague of the attending does the rounds.
constexpr double kCoveringRate = 0.05;

class RoutineSimulation {
 public:
  RoutineSimulation(const Hospital& h, const LocalClock& clock, SeededRandom& rng)
      : h_(h), clock_(clock), rng_(rng) {}

  std::vector<Access> run() {
    for (std::size_t i = 0; i < h_.encounters.size(); ++i) {
      const Encounter& e = h_.encounters[i];
      int enc = static_cast<int>(i);
      switch (e.klass) {
        case EncounterClass::inpatient: inpatient(e, enc); break;
        case EncounterClass::emergency: emergency(e, enc); break;
        case EncounterClass::ambulatory: clinic(e, enc); break;
      }
    }
    it_support();
    return std::move(out_);
  }

 private:
  TimeMs uniform(TimeMs a, TimeMs b) { return b <= a ? a : a + static_cast<TimeMs>(rng_.below(static_cast<std::uint64_t>(b - a))); }

  // `n` accesses by `staff` at random times in [a, b).
  void burst(int staff, const Encounter& e, int enc, TimeMs a, TimeMs b, std::int64_t n,
             Scenario scenario = Scenario::routine) {
    for (std::int64_t k = 0; k < n; ++k)
      add_access(out_, h_, clock_, rng_, staff, e.patient, enc, uniform(a, b), scenario);
  }

  int on_duty(Role r, Dept d, TimeMs t, int exclude = -1) {
    return pick_on_duty(h_, clock_, rng_, r, d, t, clock_.day_of(t), exclude);
  }

  // Registration at arrival, when the arrival lies in the window.
  void registration(const Encounter& e, int enc, std::int64_t lo, std::int64_t hi) {
    if (e.start < clock_.window_start()) return;
    int clerk = on_duty(Role::registration_clerk, Dept::registration, e.start);
    burst(clerk, e, enc, e.start - 10 * kMinuteMs, e.start + 25 * kMinuteMs, rng_.between(lo, hi));
  }

  void ancillary(const Encounter& e, int enc, Role role, Dept dept, TimeMs a, TimeMs b,
                 std::int64_t lo, std::int64_t hi) {
    if (b <= a) return;
    int who = on_duty(role, dept, a + (b - a) / 2);
    burst(who, e, enc, a, b, rng_.between(lo, hi));
  }

  void radiology(const Encounter& e, int enc, TimeMs s, TimeMs t) {
    TimeMs x = uniform(s, t);
    ancillary(e, enc, Role::radiology_technician, Dept::radiology, x, x + 20 * kMinuteMs, 1, 2);
    TimeMs y = x + rng_.between(30, 240) * kMinuteMs;
    ancillary(e, enc, Role::physician, Dept::radiology, y, y + 10 * kMinuteMs, 1, 2);
  }

  // Billing and HIM work the chart on a weekday after discharge.
  void after_discharge(const Encounter& e, int enc, Role role, Dept dept, double p, std::int64_t lo,
                       std::int64_t hi, int max_days) {
    if (!e.finished || !rng_.chance(p)) return;
    int d = clock_.day_of(e.end) + static_cast<int>(rng_.between(1, max_days));
    while (d < clock_.days() && clock_.weekend(d)) ++d;
    if (d >= clock_.days()) return;
    TimeMs a = clock_.at(d, static_cast<int>(rng_.between(8 * 60, 16 * 60))) + rng_.between(0, 59) * 1000;
    ancillary(e, enc, role, dept, a, a + 40 * kMinuteMs, lo, hi);
  }

  int primary_nurse(const Encounter& e, ShiftSlot slot, TimeMs mid) {
    for (int n : e.nurses) {
      const StaffMember& s = h_.staff[static_cast<std::size_t>(n)];
      if (s.shift == slot.shift && s.works_on(slot.day)) return n;
    }
    return on_duty(Role::nurse, e.dept, mid);
  }

  // Whether `staff` is on the recorded care team of any of the patient's encounters.
  bool on_care_team(int patient, int staff) const {
    for (int enc : h_.patients[static_cast<std::size_t>(patient)].encounters) {
      const Encounter& e = h_.encounters[static_cast<std::size_t>(enc)];
      if (staff == e.attending || staff == e.admitting ||
          std::find(e.nurses.begin(), e.nurses.end(), staff) != e.nurses.end())
        return true;
    }
    return false;
  }

  void inpatient_shift(const Encounter& e, int enc, ShiftSlot slot, TimeMs a, TimeMs b) {
    const double frac = static_cast<double>(b - a) / static_cast<double>(12 * kHourMs);
    auto scaled = [&](std::int64_t lo, std::int64_t hi) {
      return std::max<std::int64_t>(1, static_cast<std::int64_t>(frac * static_cast<double>(rng_.between(lo, hi)) + 0.5));
    };
    TimeMs mid = a + (b - a) / 2;
    int nurse = primary_nurse(e, slot, mid);
    burst(nurse, e, enc, a, b, scaled(12, 22));
    if (rng_.chance(0.3)) burst(on_duty(Role::nurse, e.dept, mid, nurse), e, enc, a, b, rng_.between(1, 2));

    if (slot.shift == Shift::day) {
      int rounds_by = e.attending;
      Scenario scenario = Scenario::routine;
      if (rng_.chance(kCoveringRate)) {
        int colleague = on_duty(Role::physician, e.dept, mid, e.attending);
        if (colleague >= 0 && !on_care_team(e.patient, colleague)) {
          rounds_by = colleague;
          scenario = Scenario::covering;
        }
      }
      burst(rounds_by, e, enc, a, b, scaled(3, 6), scenario);
    } else if (rng_.chance(0.2)) {
      burst(on_duty(Role::physician, e.dept, mid, e.attending), e, enc, a, b, 1);
    }
  }

  void inpatient(const Encounter& e, int enc) {
    const TimeMs s = std::max(e.start, clock_.window_start());
    const TimeMs t = std::min(e.end, clock_.window_end());
    if (s >= t) return;
    registration(e, enc, 1, 2);
    for (ShiftSlot slot = shift_at(clock_, s); shift_start(clock_, slot) < t;) {
      TimeMs a = std::max(s, shift_start(clock_, slot));
      TimeMs b = std::min(t, shift_end(clock_, slot));
      if (b - a >= 15 * kMinuteMs) inpatient_shift(e, enc, slot, a, b);
      slot = slot.shift == Shift::day ? ShiftSlot{slot.day, Shift::night} : ShiftSlot{slot.day + 1, Shift::day};
    }
    for (int d = clock_.day_of(s); d <= clock_.day_of(t - 1); ++d) {
      ancillary(e, enc, Role::pharmacist, Dept::pharmacy, std::max(s, clock_.at(d, 8 * 60)),
                std::min(t, clock_.at(d, 22 * 60)), 1, 3);
      if (rng_.chance(0.8))
        ancillary(e, enc, Role::lab_technician, Dept::lab, std::max(s, clock_.at(d, 4 * 60)),
                  std::min(t, clock_.at(d, 10 * 60)), 1, 2);
    }
    if (rng_.chance(0.4)) radiology(e, enc, s, t);
    if (rng_.chance(0.15)) consult(e, enc, s, t);
    after_discharge(e, enc, Role::billing_specialist, Dept::billing, 0.9, 1, 3, 3);
    after_discharge(e, enc, Role::him_specialist, Dept::him, 0.7, 1, 2, 4);
  }

  // A physician of another service sees the patient once: legitimate, and on no record.
  void consult(const Encounter& e, int enc, TimeMs s, TimeMs t) {
    static constexpr std::array<Dept, 3> kServices = {Dept::cardiology, Dept::oncology, Dept::icu};
    Dept service = kServices[rng_.below(kServices.size())];
    if (service == e.dept) return;
    TimeMs x = uniform(s, t);
    int d = clock_.day_of(x);
    TimeMs a = std::max(s, clock_.at(d, static_cast<int>(rng_.between(9 * 60, 16 * 60))));
    ancillary(e, enc, Role::physician, service, a, std::min(t, a + 45 * kMinuteMs), 2, 3);
  }

  void emergency(const Encounter& e, int enc) {
    const TimeMs s = std::max(e.start, clock_.window_start());
    const TimeMs t = std::min(e.end, clock_.window_end());
    if (s >= t) return;
    registration(e, enc, 1, 2);
    burst(e.attending, e, enc, s, t, rng_.between(4, 8));
    burst(e.nurses.front(), e, enc, s, t, rng_.between(6, 12));
    TimeMs mid = s + (t - s) / 2;
    if (rng_.chance(0.4)) burst(on_duty(Role::nurse, e.dept, mid, e.nurses.front()), e, enc, s, t, rng_.between(1, 3));
    if (rng_.chance(0.7)) ancillary(e, enc, Role::lab_technician, Dept::lab, s + 20 * kMinuteMs, t, 1, 2);
    if (rng_.chance(0.4)) radiology(e, enc, s, t);
    if (rng_.chance(0.3)) ancillary(e, enc, Role::pharmacist, Dept::pharmacy, s, t, 1, 1);
    after_discharge(e, enc, Role::billing_specialist, Dept::billing, 0.8, 1, 2, 2);
    after_discharge(e, enc, Role::him_specialist, Dept::him, 0.2, 1, 1, 3);
  }

  void clinic(const Encounter& e, int enc) {
    if (rng_.chance(0.6)) {
      TimeMs prep = e.start - rng_.between(60, 180) * kMinuteMs;
      burst(e.attending, e, enc, prep, prep + 20 * kMinuteMs, rng_.between(1, 2));
    }
    registration(e, enc, 1, 1);
    burst(e.nurses.front(), e, enc, e.start, e.end, rng_.between(2, 4));
    burst(e.attending, e, enc, e.start, e.end + 30 * kMinuteMs, rng_.between(3, 5));
    if (rng_.chance(0.35)) ancillary(e, enc, Role::lab_technician, Dept::lab, e.end, e.end + 2 * kHourMs, 1, 1);
    after_discharge(e, enc, Role::billing_specialist, Dept::billing, 0.8, 1, 1, 2);
  }

  // IT support now and then opens a chart while working a ticket (a printer on the unit, a
  // user who cannot sign a note): legitimate, and tied to no encounter role.
  void it_support() {
    if (h_.encounters.empty()) return;
    for (int staff : h_.group(Role::it_support, Dept::it)) {
      for (int d = 0; d < clock_.days(); ++d) {
        if (!h_.staff[static_cast<std::size_t>(staff)].works_on(d) || !rng_.chance(0.25)) continue;
        TimeMs t = clock_.at(d, static_cast<int>(rng_.between(8 * 60, 17 * 60 - 1)));
        for (int tries = 0; tries < 10; ++tries) {
          int enc = static_cast<int>(rng_.below(h_.encounters.size()));
          const Encounter& e = h_.encounters[static_cast<std::size_t>(enc)];
          if (e.start > t || e.end <= t) continue;
          burst(staff, e, enc, t, t + 15 * kMinuteMs, rng_.between(1, 2));
          break;
        }
      }
    }
  }

  const Hospital& h_;
  const LocalClock& clock_;
  SeededRandom& rng_;
  std::vector<Access> out_;
};

}  // namespace

std::vector<Access> simulate_routine_accesses(const Hospital& h, const LocalClock& clock, SeededRandom& rng) {
  return RoutineSimulation(h, clock, rng).run();
}

}  // namespace ward::demo

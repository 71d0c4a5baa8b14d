#include "demo/encounters.h"

#include <algorithm>
#include <array>
#include <numeric>

#include <fmt/format.h>

#include "demo/duty_roster.h"

namespace ward::demo {
namespace {

// Encounters per patient per week: with 2000 patients, about 1100 a week and some 60 inpatients
// in the house, which 200 staff can look after.
constexpr double kEncountersPerPatientWeek = 0.55;
constexpr double kEdAdmitShare = 0.15;
// Days simulated before the window so that it opens on a full house.
constexpr int kWarmUpDays = 8;

// ED arrivals by local hour: quiet at night, busy from late morning to evening.
constexpr std::array<int, 24> kEdArrivalsByHour = {3, 2, 2, 1, 1, 2, 3, 5, 7, 8, 9, 9,
                                                   9, 9, 8, 8, 8, 8, 7, 7, 6, 5, 4, 3};

int age_of(const Patient& p, const LocalClock& clock) {
  return static_cast<int>((clock.first_day() - p.person.birth_day) / 365);
}

bool obstetric(const Patient& p, const LocalClock& clock) {
  int age = age_of(p, clock);
  return p.person.sex == 'F' && age >= 18 && age <= 44;
}

Dept inpatient_dept(const Patient& p, const LocalClock& clock, SeededRandom& rng) {
  if (age_of(p, clock) < 18) return Dept::pediatrics;
  if (obstetric(p, clock) && rng.chance(0.4)) return Dept::labor_delivery;
  static constexpr std::array<int, 3> kWeights = {20, 40, 40};
  static constexpr std::array<Dept, 3> kDepts = {Dept::icu, Dept::cardiology, Dept::oncology};
  return kDepts[rng.weighted(kWeights)];
}

Dept clinic_dept(const Patient& p, const LocalClock& clock, SeededRandom& rng) {
  if (age_of(p, clock) < 18) return Dept::pediatrics;
  if (obstetric(p, clock) && rng.chance(0.35)) return Dept::labor_delivery;
  return rng.chance(0.5) ? Dept::cardiology : Dept::oncology;
}

TimeMs length_of_stay(Dept d, SeededRandom& rng) {
  static constexpr std::array<int, 9> kDays = {1, 2, 3, 4, 5, 6, 7, 9, 12};
  static constexpr std::array<int, 9> kWeights = {22, 24, 18, 12, 9, 6, 4, 3, 2};
  std::int64_t days = kDays[rng.weighted(kWeights)];
  if (d == Dept::icu) days = rng.between(2, 6);
  if (d == Dept::labor_delivery) days = rng.between(1, 3);
  TimeMs los = days * kDayMs + rng.between(-6, 6) * kHourMs + rng.between(0, 59) * kMinuteMs;
  return std::max(los, 20 * kHourMs);
}

Bed random_bed(Dept d, EncounterClass k, SeededRandom& rng) {
  const DeptInfo& di = info(d);
  Bed b;
  if (k == EncounterClass::ambulatory) {
    b.room = static_cast<int>(rng.between(1, 12));
  } else {
    b.room = di.first_room + static_cast<int>(rng.below(static_cast<std::uint64_t>(di.rooms)));
    if (k == EncounterClass::inpatient) b.bed = d == Dept::icu ? 'A' : (rng.chance(0.5) ? 'A' : 'B');
  }
  return b;
}

class EncounterBuilder {
 public:
  EncounterBuilder(Hospital& h, const LocalClock& clock, SeededRandom& rng)
      : h_(h), clock_(clock), rng_(rng), busy_(h.patients.size()) {}

  // One encounter starting on window day `day` (negative days warm the house up: the
  // inpatients of day 0 were admitted before it). Most draws that end before the window are
  // dropped.
  void add_one(int day) {
    static constexpr std::array<int, 3> kClassWeights = {8, 40, 52};
    auto klass = static_cast<EncounterClass>(rng_.weighted(kClassWeights));
    for (int attempt = 0; attempt < 5; ++attempt) {
      int p = static_cast<int>(rng_.below(h_.patients.size()));
      bool ok = false;
      switch (klass) {
        case EncounterClass::inpatient: ok = add_inpatient(p, day); break;
        case EncounterClass::emergency: ok = add_emergency(p, day); break;
        case EncounterClass::ambulatory: ok = add_clinic_visit(p, day); break;
      }
      if (ok) return;
    }
  }

  void finish() {
    std::vector<std::size_t> order(drafts_.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return drafts_[a].start < drafts_[b].start; });
    h_.encounters.clear();
    for (std::size_t i : order) {
      Encounter e = std::move(drafts_[i]);
      e.id = fmt::format("enc-{:06}", h_.encounters.size() + 1);
      h_.patients[static_cast<std::size_t>(e.patient)].encounters.push_back(static_cast<int>(h_.encounters.size()));
      h_.encounters.push_back(std::move(e));
    }
  }

 private:
  bool free_between(int p, TimeMs start, TimeMs end) const {
    for (const auto& [s, e] : busy_[static_cast<std::size_t>(p)])
      if (start < e && s < end) return false;
    return true;
  }

  // Keeps an encounter that overlaps the window. Returns false when the patient is busy then
  // or nobody can staff it, so the caller tries another patient; an encounter outside the
  // window (the warm-up makes many) is dropped without a retry.
  bool keep(Encounter e) {
    if (e.end <= clock_.window_start() || e.start >= clock_.window_end()) return true;
    if (!free_between(e.patient, e.start, e.end)) return false;
    if (e.attending < 0 || e.nurses.empty()) return false;
    e.finished = e.end <= clock_.window_end();
    busy_[static_cast<std::size_t>(e.patient)].emplace_back(e.start, e.end);
    drafts_.push_back(std::move(e));
    return true;
  }

  int until_day(TimeMs end) const { return clock_.day_of(std::min(end, clock_.window_end() - 1)); }

  // Primary nurses: one of each shift for a stay, one on duty for a visit.
  void pick_nurses(Encounter& e) {
    int until = until_day(e.end);
    if (e.klass != EncounterClass::inpatient) {
      int n = pick_on_duty(h_, clock_, rng_, Role::nurse, e.dept, e.start, until);
      if (n >= 0) e.nurses.push_back(n);
      return;
    }
    int day = clock_.day_of(std::max(e.start, clock_.window_start()));
    int by_day = pick_on_duty(h_, clock_, rng_, Role::nurse, e.dept, clock_.at(day, 10 * 60), until);
    int by_night = pick_on_duty(h_, clock_, rng_, Role::nurse, e.dept, clock_.at(day, 22 * 60), until, by_day);
    if (by_day >= 0) e.nurses.push_back(by_day);
    if (by_night >= 0) e.nurses.push_back(by_night);
  }

  void add_events(Encounter& e) {
    TimeMs stay = e.end - e.start;
    if (e.klass == EncounterClass::inpatient && stay >= 2 * kDayMs && rng_.chance(0.15)) {
      e.prior_bed = e.bed;
      while (e.bed.room == e.prior_bed.room) e.bed = random_bed(e.dept, e.klass, rng_);
      e.transfer = e.start + rng_.between(12 * kHourMs, stay - 6 * kHourMs);
    }
    if (rng_.chance(0.2)) e.update = e.start + rng_.between(5 * kMinuteMs, stay - kMinuteMs);
  }

  bool add_inpatient(int p, int day, int admitted_by = -1, TimeMs from = 0) {
    const Patient& patient = h_.patients[static_cast<std::size_t>(p)];
    Encounter e;
    e.patient = p;
    e.klass = EncounterClass::inpatient;
    e.dept = inpatient_dept(patient, clock_, rng_);
    e.start = from != 0 ? from
                        : clock_.at(day, static_cast<int>(rng_.between(8 * 60, 20 * 60))) +
                              rng_.between(0, 59) * 1000;
    e.end = e.start + length_of_stay(e.dept, rng_);
    int admit_day = clock_.day_of(std::max(e.start, clock_.window_start()));
    e.attending = pick_on_duty(h_, clock_, rng_, Role::physician, e.dept, clock_.at(admit_day, 10 * 60),
                               until_day(e.end));
    e.admitting = admitted_by >= 0 ? admitted_by : e.attending;
    e.bed = random_bed(e.dept, e.klass, rng_);
    pick_nurses(e);
    add_events(e);
    return keep(std::move(e));
  }

  bool add_emergency(int p, int day) {
    Encounter e;
    e.patient = p;
    e.klass = EncounterClass::emergency;
    e.dept = Dept::ed;
    int minute = static_cast<int>(rng_.weighted(kEdArrivalsByHour)) * 60 + static_cast<int>(rng_.below(60));
    e.start = clock_.at(day, minute) + rng_.between(0, 59) * 1000;
    e.end = e.start + rng_.between(120, 600) * kMinuteMs;
    e.attending = pick_on_duty(h_, clock_, rng_, Role::physician, e.dept, e.start, until_day(e.end));
    e.admitting = e.attending;
    e.bed = random_bed(e.dept, e.klass, rng_);
    pick_nurses(e);
    add_events(e);
    int ed_doctor = e.attending;
    TimeMs admit_at = e.end + rng_.between(10, 40) * kMinuteMs;
    if (!keep(std::move(e))) return false;
    if (rng_.chance(kEdAdmitShare) && admit_at < clock_.window_end()) add_inpatient(p, day, ed_doctor, admit_at);
    return true;
  }

  bool add_clinic_visit(int p, int day) {
    const Patient& patient = h_.patients[static_cast<std::size_t>(p)];
    Encounter e;
    e.patient = p;
    e.klass = EncounterClass::ambulatory;
    e.dept = clinic_dept(patient, clock_, rng_);
    if (clock_.weekend(day)) return true;  // clinics are closed at weekends
    e.start = clock_.at(day, static_cast<int>(rng_.between(8 * 60, 16 * 60 + 30)));
    e.end = e.start + rng_.between(20, 90) * kMinuteMs;
    e.attending = pick_on_duty(h_, clock_, rng_, Role::physician, e.dept, e.start, until_day(e.end));
    e.admitting = e.attending;
    e.bed = random_bed(e.dept, e.klass, rng_);
    pick_nurses(e);
    if (rng_.chance(0.1)) e.update = e.start + rng_.between(1, 10) * kMinuteMs;
    return keep(std::move(e));
  }

  Hospital& h_;
  const LocalClock& clock_;
  SeededRandom& rng_;
  std::vector<std::vector<std::pair<TimeMs, TimeMs>>> busy_;  // per patient
  std::vector<Encounter> drafts_;
};

}  // namespace

void build_encounters(Hospital& h, const LocalClock& clock, SeededRandom& rng) {
  EncounterBuilder builder(h, clock, rng);
  const double per_day = static_cast<double>(h.patients.size()) / 7.0 * kEncountersPerPatientWeek;
  double due = 0;
  for (int day = -kWarmUpDays; day < clock.days(); ++day) {
    for (due += per_day; due >= 1; due -= 1) builder.add_one(day);
  }
  builder.finish();
}

}  // namespace ward::demo

#include "demo/population.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "demo/built_in_names.h"

namespace ward::demo {
namespace {

struct StaffQuota {
  Role role;
  Dept dept;
  int weight;  // per cent of the workforce, roughly
};

constexpr std::array<StaffQuota, 20> kQuotas = {{
    {Role::physician, Dept::ed, 4},          {Role::physician, Dept::icu, 3},
    {Role::physician, Dept::cardiology, 4},  {Role::physician, Dept::oncology, 4},
    {Role::physician, Dept::pediatrics, 2},  {Role::physician, Dept::labor_delivery, 2},
    {Role::physician, Dept::radiology, 2},   {Role::nurse, Dept::ed, 10},
    {Role::nurse, Dept::icu, 7},             {Role::nurse, Dept::cardiology, 8},
    {Role::nurse, Dept::oncology, 8},        {Role::nurse, Dept::pediatrics, 4},
    {Role::nurse, Dept::labor_delivery, 4},  {Role::pharmacist, Dept::pharmacy, 5},
    {Role::lab_technician, Dept::lab, 6},    {Role::radiology_technician, Dept::radiology, 4},
    {Role::registration_clerk, Dept::registration, 6},
    {Role::billing_specialist, Dept::billing, 5},
    {Role::him_specialist, Dept::him, 4},    {Role::it_support, Dept::it, 3},
}};

constexpr int kDaysPerYear = 365;

bool office_role(Role r) {
  return r == Role::billing_specialist || r == Role::him_specialist || r == Role::it_support;
}

Address random_address(SeededRandom& rng) {
  // Most staff and patients live near the hospital in Worcester.
  static constexpr std::array<int, 20> kTownWeights = {8, 1, 1, 2, 1, 1, 1, 1, 1, 1,
                                                       1, 1, 2, 1, 1, 1, 1, 1, 1, 1};
  Address a;
  a.house_number = static_cast<int>(rng.between(1, 299));
  a.street = static_cast<int>(rng.below(street_names().size()));
  a.town = static_cast<int>(rng.weighted(kTownWeights));
  return a;
}

int random_given(SeededRandom& rng, char sex) {
  // given_names() holds 50 female names, then 50 male names.
  return static_cast<int>(rng.below(50)) + (sex == 'M' ? 50 : 0);
}

Person random_person(SeededRandom& rng, const LocalClock& clock, int min_age, int max_age) {
  Person p;
  p.sex = rng.chance(0.52) ? 'F' : 'M';
  p.given = random_given(rng, p.sex);
  p.family = static_cast<int>(rng.below(surnames().size()));
  p.birth_day = clock.first_day() - rng.between(std::int64_t{min_age} * kDaysPerYear,
                                                std::int64_t{max_age} * kDaysPerYear + 364);
  p.address = random_address(rng);
  p.phone = static_cast<int>(rng.between(100, 199));
  return p;
}

int age_in_years(const Person& p, const LocalClock& clock) {
  return static_cast<int>((clock.first_day() - p.birth_day) / kDaysPerYear);
}

Shift pick_shift(SeededRandom& rng, Role r) {
  double day_share = 0.7;
  if (r == Role::physician) day_share = 0.85;
  if (r == Role::nurse) day_share = 0.55;
  if (office_role(r)) day_share = 1.0;
  return rng.chance(day_share) ? Shift::day : Shift::night;
}

// Whether the member works each window day, from the day before the window to the last day.
std::vector<std::uint8_t> pick_work_days(SeededRandom& rng, Role r, const LocalClock& clock) {
  std::vector<std::uint8_t> works(static_cast<std::size_t>(clock.days()) + 1, 0);
  for (int day = -1; day < clock.days(); ++day) {
    bool weekend = clock.weekend(day);
    double p = weekend ? 0.5 : 0.7;
    if (r == Role::physician) p = weekend ? 0.4 : 0.8;
    if (r == Role::nurse) p = 0.5;
    if (office_role(r)) p = weekend ? 0.0 : 0.95;
    works[static_cast<std::size_t>(day + 1)] = rng.chance(p) ? 1 : 0;
  }
  return works;
}

// Every shift has at least half of its people at work, so that no one is left alone with a
// whole unit: members off that day are called in until the floor is met.
void staff_every_shift(Hospital& h, const LocalClock& clock, SeededRandom& rng) {
  for (const auto& group : h.groups) {
    for (Shift shift : {Shift::day, Shift::night}) {
      std::vector<int> members;
      for (int i : group)
        if (h.staff[static_cast<std::size_t>(i)].shift == shift && !office_role(h.staff[static_cast<std::size_t>(i)].role))
          members.push_back(i);
      const std::size_t floor = (members.size() + 1) / 2;
      for (int day = -1; day < clock.days(); ++day) {
        std::vector<int> off;
        std::size_t working = 0;
        for (int i : members) {
          const StaffMember& s = h.staff[static_cast<std::size_t>(i)];
          if (!s.active_on(day)) continue;
          if (s.works_on(day)) ++working;
          else off.push_back(i);
        }
        rng.shuffle(std::span<int>(off));
        for (std::size_t k = 0; working < floor && k < off.size(); ++k, ++working)
          h.staff[static_cast<std::size_t>(off[k])].works[static_cast<std::size_t>(day + 1)] = 1;
      }
    }
  }
}

void build_staff(Hospital& h, int users, const LocalClock& clock, SeededRandom& rng) {
  // Head counts in proportion to the quotas (largest remainder, at least one each), so that
  // a hospital of any size has the same shape; then who is who is shuffled.
  int total_weight = 0;
  for (const StaffQuota& q : kQuotas) total_weight += q.weight;
  std::array<int, kQuotas.size()> heads{};
  std::array<double, kQuotas.size()> remainder{};
  int assigned = 0;
  for (std::size_t i = 0; i < kQuotas.size(); ++i) {
    double exact = static_cast<double>(users) * kQuotas[i].weight / total_weight;
    heads[i] = std::max(1, static_cast<int>(exact));
    remainder[i] = exact - heads[i];
    assigned += heads[i];
  }
  while (assigned < users) {
    auto best = static_cast<std::size_t>(std::max_element(remainder.begin(), remainder.end()) - remainder.begin());
    ++heads[best];
    remainder[best] -= 1.0;
    ++assigned;
  }
  while (assigned > users) {  // only when many quotas were rounded up to one
    auto most = static_cast<std::size_t>(std::max_element(heads.begin(), heads.end()) - heads.begin());
    --heads[most];
    --assigned;
  }
  std::vector<StaffQuota> assignment;
  for (std::size_t i = 0; i < kQuotas.size(); ++i)
    assignment.insert(assignment.end(), static_cast<std::size_t>(heads[i]), kQuotas[i]);
  rng.shuffle(std::span<StaffQuota>(assignment));

  h.staff.resize(static_cast<std::size_t>(users));
  for (int i = 0; i < users; ++i) {
    StaffMember& s = h.staff[static_cast<std::size_t>(i)];
    s.practitioner_id = fmt::format("prac-{:04}", i + 1);
    s.employee_id = fmt::format("E{}", 10001 + i);
    s.role = assignment[static_cast<std::size_t>(i)].role;
    s.dept = assignment[static_cast<std::size_t>(i)].dept;
    s.person = random_person(rng, clock, 23, 64);
    int max_service = std::min(25, age_in_years(s.person, clock) - 22);
    s.hire_day = clock.first_day() - rng.between(30, std::int64_t{std::max(1, max_service)} * kDaysPerYear);
    s.shift = pick_shift(rng, s.role);
    s.works = pick_work_days(rng, s.role, clock);
    s.workstation = static_cast<int>(rng.between(1, 12));
  }

  h.groups.assign(std::size_t{kRoleCount} * kDeptCount, {});
  for (int i = 0; i < users; ++i) {
    const StaffMember& s = h.staff[static_cast<std::size_t>(i)];
    h.groups[Hospital::group_of(s.role, s.dept)].push_back(i);
  }

  // Every bedded unit staffs nurses on both shifts when it has two or more.
  for (int d = 0; d < kDeptCount; ++d) {
    auto& nurses = h.groups[Hospital::group_of(Role::nurse, static_cast<Dept>(d))];
    if (nurses.size() < 2) continue;
    auto on = [&](Shift sh) {
      return std::any_of(nurses.begin(), nurses.end(),
                         [&](int n) { return h.staff[static_cast<std::size_t>(n)].shift == sh; });
    };
    if (!on(Shift::night)) h.staff[static_cast<std::size_t>(nurses.back())].shift = Shift::night;
    if (!on(Shift::day)) h.staff[static_cast<std::size_t>(nurses.front())].shift = Shift::day;
  }

  // A few terminations: before the window, and during it (when the window has room for an
  // access after the termination date). Only from groups of three or more, so that someone
  // is always left to do the work.
  std::vector<int> candidates;
  for (int i = 0; i < users; ++i) {
    const StaffMember& s = h.staff[static_cast<std::size_t>(i)];
    if (h.groups[Hospital::group_of(s.role, s.dept)].size() >= 3) candidates.push_back(i);
  }
  rng.shuffle(std::span<int>(candidates));
  std::size_t count = std::min(candidates.size(), static_cast<std::size_t>(std::max(2, users / 60)));
  for (std::size_t k = 0; k < count; ++k) {
    StaffMember& s = h.staff[static_cast<std::size_t>(candidates[k])];
    bool during = k % 2 == 1 && clock.days() >= 2;
    s.terminated = true;
    s.termination_day = during ? clock.first_day() + rng.between(0, clock.days() - 2)
                               : clock.first_day() - rng.between(5, 60);
    s.last_day = static_cast<int>(s.termination_day - clock.first_day());
    s.hire_day = std::min(s.hire_day, s.termination_day - 90);
  }
  staff_every_shift(h, clock, rng);
}

std::vector<int> pick_distinct_staff(const Hospital& h, std::size_t count, SeededRandom& rng,
                                     const std::vector<std::uint8_t>& taken) {
  std::vector<int> pool;
  for (std::size_t i = 0; i < h.staff.size(); ++i)
    if (!h.staff[i].terminated && taken[i] == 0) pool.push_back(static_cast<int>(i));
  rng.shuffle(std::span<int>(pool));
  pool.resize(std::min(count, pool.size()));
  return pool;
}

Person relative_of(const Person& staff, const LocalClock& clock, SeededRandom& rng) {
  Person p = staff;  // same surname, address and home phone
  int age = age_in_years(staff, clock);
  bool child = age >= 30 && rng.chance(0.4);
  p.sex = rng.chance(0.5) ? 'F' : 'M';
  p.given = random_given(rng, p.sex);
  int min_age = child ? 0 : std::max(18, age - 6);
  int max_age = child ? std::min(17, age - 20) : age + 6;
  p.birth_day = clock.first_day() - rng.between(std::int64_t{min_age} * kDaysPerYear,
                                                std::int64_t{max_age} * kDaysPerYear + 364);
  if (p.given == staff.given) p.given = (p.given + 1) % 100;
  return p;
}

Person neighbour_of(const Person& staff, const LocalClock& clock, SeededRandom& rng) {
  Person p = random_person(rng, clock, 18, 90);
  p.address.street = staff.address.street;
  p.address.town = staff.address.town;
  // A few doors away, on either side (a neighbour, not just someone on a long street).
  const int doors = static_cast<int>(rng.between(1, 8));
  const int house = staff.address.house_number;
  p.address.house_number =
      rng.between(0, 1) == 0 && house - doors >= 1 ? house - doors : house + doors;
  if (p.family == staff.family) p.family = (p.family + 1) % 100;
  return p;
}

Person random_patient(SeededRandom& rng, const LocalClock& clock) {
  static constexpr std::array<int, 4> kAgeBands = {15, 30, 28, 27};  // 0-17, 18-44, 45-64, 65-95
  static constexpr std::array<std::array<int, 2>, 4> kAges = {{{0, 17}, {18, 44}, {45, 64}, {65, 95}}};
  const auto& band = kAges[rng.weighted(kAgeBands)];
  return random_person(rng, clock, band[0], band[1]);
}

void build_patients(Hospital& h, int count, const LocalClock& clock, SeededRandom& rng) {
  const std::size_t users = h.staff.size();
  const std::size_t cap = static_cast<std::size_t>(count) / 10;
  std::vector<std::uint8_t> taken(users, 0);
  auto take = [&](std::size_t n) {
    auto picked = pick_distinct_staff(h, std::min(n, cap), rng, taken);
    for (int i : picked) taken[static_cast<std::size_t>(i)] = 1;
    return picked;
  };
  std::vector<Patient> list;
  // Patients tied to a member of staff: `percent` of the workforce, each made by `person_for`.
  auto add_linked = [&](std::size_t percent, Relation relation, auto person_for) {
    for (int s : take(std::max<std::size_t>(2, users * percent / 100))) {
      Patient p;
      p.person = person_for(h.staff[static_cast<std::size_t>(s)].person);
      p.relation = relation;
      p.staff = s;
      list.push_back(std::move(p));
    }
  };
  add_linked(4, Relation::employee, [](const auto& staff) { return staff; });
  add_linked(6, Relation::family, [&](const auto& staff) { return relative_of(staff, clock, rng); });
  add_linked(5, Relation::neighbour, [&](const auto& staff) { return neighbour_of(staff, clock, rng); });
  const std::size_t first_random = list.size();
  while (list.size() < static_cast<std::size_t>(count)) {
    Patient p;
    p.person = random_patient(rng, clock);
    // Households: some patients live with an earlier patient and share the surname.
    if (list.size() > first_random && rng.chance(0.15)) {
      const Person& other = list[first_random + rng.below(list.size() - first_random)].person;
      p.person.family = other.family;
      p.person.address = other.address;
      p.person.phone = other.phone;
    }
    list.push_back(std::move(p));
  }
  rng.shuffle(std::span<Patient>(list));

  std::vector<int> ordinary;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Patient& p = list[i];
    p.id = fmt::format("pat-{:06}", i + 1);
    p.mrn = fmt::format("MRN{:07}", i + 1);
    if (p.relation == Relation::employee) h.staff[static_cast<std::size_t>(p.staff)].patient = static_cast<int>(i);
    if (p.relation == Relation::none) ordinary.push_back(static_cast<int>(i));
  }
  rng.shuffle(std::span<int>(ordinary));
  std::size_t vips = std::min(ordinary.size(), std::max<std::size_t>(1, list.size() / 100));
  for (std::size_t k = 0; k < vips; ++k) list[static_cast<std::size_t>(ordinary[k])].confidential = true;
  h.patients = std::move(list);
}

}  // namespace

Hospital build_population(const HospitalSpec& spec, const LocalClock& clock, SeededRandom& rng) {
  Hospital h;
  build_staff(h, spec.users, clock, rng);
  build_patients(h, spec.patients, clock, rng);
  return h;
}

}  // namespace ward::demo

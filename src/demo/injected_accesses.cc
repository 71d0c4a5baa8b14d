// The injected non-routine accesses that truth.csv labels: snooping on relatives, neighbours,
// coworkers, VIPs and oneself, plain curiosity, a bulk export, and accounts used after
// termination. Each targets a patient the user has no care or department relationship with.
#include <algorithm>
#include <array>
#include <unordered_set>

#include "demo/accesses.h"
#include "demo/duty_roster.h"

namespace ward::demo {
namespace {

// Snooping incidents other than the bulk export, as a share of routine accesses.
class Injector {
 public:
  Injector(const Hospital& h, const LocalClock& clock, SeededRandom& rng, double incident_share,
           std::vector<Access>& out)
      : h_(h), clock_(clock), rng_(rng), incident_share_(incident_share), out_(out) {
    for (const Access& a : out_) routine_pairs_.insert(pair_key(a.staff, a.patient));
    for (std::size_t i = 0; i < h_.patients.size(); ++i) {
      const Patient& p = h_.patients[i];
      int idx = static_cast<int>(i);
      if (p.relation == Relation::family) family_.push_back(idx);
      if (p.relation == Relation::neighbour) neighbours_.push_back(idx);
      if (p.relation == Relation::employee) employees_.push_back(idx);
      if (p.confidential) vips_.push_back(idx);
    }
    for (std::size_t i = 0; i < h_.staff.size(); ++i)
      if (!h_.staff[i].terminated) active_.push_back(static_cast<int>(i));
  }

  void run() {
    const auto share = static_cast<std::size_t>(static_cast<double>(out_.size()) * incident_share_);
    const std::size_t budget = incident_share_ > 0 ? std::max<std::size_t>(24, share) : 0;
    after_termination();
    bulk_export();
    static constexpr std::array<Scenario, 6> kKinds = {Scenario::curiosity, Scenario::family,
                                                       Scenario::neighbour, Scenario::coworker,
                                                       Scenario::vip, Scenario::self};
    static constexpr std::array<int, 6> kWeights = {30, 15, 10, 12, 15, 8};
    std::size_t added = 0;
    for (std::size_t attempt = 0; added < budget && attempt < budget * 20; ++attempt)
      added += incident(kKinds[rng_.weighted(kWeights)]);
  }

 private:
  static std::uint64_t pair_key(int staff, int patient) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(staff)) << 32) |
           static_cast<std::uint32_t>(patient);
  }

  bool has_relationship(int staff, int patient) const {
    const StaffMember& s = h_.staff[static_cast<std::size_t>(staff)];
    for (int enc : h_.patients[static_cast<std::size_t>(patient)].encounters) {
      const Encounter& e = h_.encounters[static_cast<std::size_t>(enc)];
      if (staff == e.attending || staff == e.admitting || s.dept == e.dept) return true;
      if (std::find(e.nurses.begin(), e.nurses.end(), staff) != e.nurses.end()) return true;
    }
    return false;
  }

  int random_of(const std::vector<int>& v) {
    return v.empty() ? -1 : v[static_cast<std::size_t>(rng_.below(v.size()))];
  }

  // A work day of the member in the window, or any employed day, or -1.
  int snoop_day(const StaffMember& s) {
    std::vector<int> days, employed;
    for (int d = 0; d < clock_.days(); ++d) {
      if (s.works_on(d)) days.push_back(d);
      if (s.active_on(d)) employed.push_back(d);
    }
    return !days.empty() ? random_of(days) : random_of(employed);
  }

  // Accesses of one sitting: at work during the shift, or in the evening over the VPN.
  std::size_t sitting(int staff, int patient, int day, Scenario scenario, double remote_share, bool lookup) {
    const StaffMember& s = h_.staff[static_cast<std::size_t>(staff)];
    bool remote = rng_.chance(remote_share);
    TimeMs t = 0;
    if (remote) {
      int from = s.shift == Shift::day ? 20 * 60 : 12 * 60;
      t = clock_.at(day, static_cast<int>(rng_.between(from, from + 210)));
    } else {
      ShiftSlot slot{day, s.shift};
      TimeMs a = shift_start(clock_, slot), b = shift_end(clock_, slot) - kHourMs;
      t = a + static_cast<TimeMs>(rng_.below(static_cast<std::uint64_t>(b - a)));
    }
    t += rng_.between(0, 59) * 1000;
    static constexpr std::array<int, 4> kSizes = {40, 30, 20, 10};
    std::size_t n = rng_.weighted(kSizes) + 1, added = 0;
    for (std::size_t k = 0; k < n; ++k) {
      Access* a = add_access(out_, h_, clock_, rng_, staff, patient, -1, t, scenario);
      t += rng_.between(20, 600) * 1000;
      if (a == nullptr) continue;
      ++added;
      a->remote = remote;
      if (k == 0 && lookup) {
        a->interaction = Interaction::search;
        a->object = ObjectKind::demographics;
        a->name_lookup = true;
      }
    }
    return added;
  }

  std::size_t incident(Scenario scenario) {
    int patient = -1, staff = -1;
    switch (scenario) {
      case Scenario::family: patient = random_of(family_); break;
      case Scenario::neighbour: patient = random_of(neighbours_); break;
      case Scenario::self:
      case Scenario::coworker: patient = random_of(employees_); break;
      case Scenario::vip: patient = random_of(vips_); break;
      default: patient = static_cast<int>(rng_.below(h_.patients.size())); break;
    }
    if (patient < 0) return 0;
    const Patient& p = h_.patients[static_cast<std::size_t>(patient)];
    switch (scenario) {
      case Scenario::family:
      case Scenario::neighbour:
      case Scenario::self: staff = p.staff; break;
      case Scenario::coworker: {
        const StaffMember& employee = h_.staff[static_cast<std::size_t>(p.staff)];
        const auto& colleagues = h_.group(employee.role, employee.dept);
        staff = rng_.chance(0.7) ? random_of(colleagues) : random_of(active_);
        if (staff == p.staff) return 0;
        break;
      }
      default: staff = random_of(active_); break;
    }
    if (staff < 0 || h_.staff[static_cast<std::size_t>(staff)].terminated) return 0;
    if (scenario == Scenario::curiosity && p.relation != Relation::none) return 0;
    if (has_relationship(staff, patient) || routine_pairs_.count(pair_key(staff, patient)) != 0) return 0;
    int day = snoop_day(h_.staff[static_cast<std::size_t>(staff)]);
    if (day < 0) return 0;
    return sitting(staff, patient, day, scenario, 0.2, rng_.chance(0.5));
  }

  // Some terminated members' accounts stay open and are used after the termination date.
  void after_termination() {
    bool any = false;
    for (std::size_t i = 0; i < h_.staff.size(); ++i) {
      const StaffMember& s = h_.staff[i];
      if (!s.terminated) continue;
      int first = std::max(0, s.last_day + 1);
      if (first >= clock_.days()) continue;
      if (any && !rng_.chance(0.5)) continue;
      any = true;
      auto sessions = rng_.between(1, 2);
      for (std::int64_t k = 0; k < sessions; ++k) {
        int day = static_cast<int>(rng_.between(first, clock_.days() - 1));
        auto patients = rng_.between(2, 4);
        for (std::int64_t j = 0; j < patients; ++j) {
          int patient = static_cast<int>(rng_.below(h_.patients.size()));
          sitting(static_cast<int>(i), patient, day, Scenario::terminated, 0.7, false);
        }
      }
    }
  }

  // One member exports more than 200 patients' summaries within an hour.
  void bulk_export() {
    std::vector<int> exporters = h_.group(Role::him_specialist, Dept::him);
    const auto& billing = h_.group(Role::billing_specialist, Dept::billing);
    exporters.insert(exporters.end(), billing.begin(), billing.end());
    std::erase_if(exporters, [&](int i) { return h_.staff[static_cast<std::size_t>(i)].terminated; });
    int staff = random_of(exporters.empty() ? active_ : exporters);
    if (staff < 0) return;
    int day = snoop_day(h_.staff[static_cast<std::size_t>(staff)]);
    if (day < 0) return;
    std::vector<int> patients(h_.patients.size());
    for (std::size_t i = 0; i < patients.size(); ++i) patients[i] = static_cast<int>(i);
    rng_.shuffle(std::span<int>(patients));
    patients.resize(std::min<std::size_t>(patients.size(), static_cast<std::size_t>(rng_.between(210, 260))));
    TimeMs t = clock_.at(day, static_cast<int>(rng_.between(15 * 60, 16 * 60)));
    const TimeMs step = 40 * kMinuteMs / static_cast<TimeMs>(patients.size());
    for (int patient : patients) {
      Access* a = add_access(out_, h_, clock_, rng_, staff, patient, -1, t, Scenario::bulk_export);
      t += step / 2 + static_cast<TimeMs>(rng_.below(static_cast<std::uint64_t>(step)));
      if (a == nullptr) continue;
      a->interaction = Interaction::export_records;
      a->object = ObjectKind::summary;
      a->purpose = Purpose::operations;
    }
  }

  const Hospital& h_;
  const LocalClock& clock_;
  SeededRandom& rng_;
  double incident_share_;
  std::vector<Access>& out_;
  std::unordered_set<std::uint64_t> routine_pairs_;  // membership only: never iterated
  std::vector<int> family_, neighbours_, employees_, vips_, active_;
};

}  // namespace

void add_injected_accesses(const Hospital& h, const LocalClock& clock, SeededRandom& rng,
                           double incident_share, std::vector<Access>& accesses) {
  Injector(h, clock, rng, incident_share, accesses).run();
}

}  // namespace ward::demo

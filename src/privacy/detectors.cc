#include "privacy/detectors.h"

#include <algorithm>
#include <limits>
#include <set>
#include <span>

#include <fmt/format.h>

namespace ward::privacy {
namespace {

std::string who(const Access& a) {
  if (a.user != nullptr && !a.user->name.empty()) return fmt::format("{} ({})", a.user->name, a.user_id);
  return "user " + a.user_id;
}

// Whether the patient had an encounter within `window` of `t` (an open one runs on).
bool in_care_near(std::span<const EncounterRecord* const> encounters, TimeNs t, TimeNs window) {
  for (const EncounterRecord* e : encounters) {
    if (e->start == 0) continue;
    const TimeNs end = e->end == 0 ? std::numeric_limits<TimeNs>::max() - window : e->end;
    if (t >= e->start - window && t <= end + window) return true;
  }
  return false;
}

}  // namespace

std::vector<Finding> findings_for(const Access& a, const Explanation* explanation,
                                  const DirectoryIndex& directory, const DetectorOptions& options) {
  std::vector<Finding> out;
  const WorkforceMember* user = a.user;
  const PatientRecord* patient = a.patient;

  if (user != nullptr && !user->termination_date.empty()) {
    const std::string day = local_date(a.time, options.local_zone);
    if (day > user->termination_date)
      out.push_back({"terminated", 95,
                     fmt::format("{} used the account on {}, after the termination date {}", who(a),
                                 day, user->termination_date)});
  }
  if (user != nullptr && patient != nullptr &&
      (directory.employee_as(*patient) == user ||
       same_person(directory.name_of(*user), user->birth_date, directory.name_of(*patient),
                   patient->birth_date)))
    out.push_back({"self", 90,
                   fmt::format("{} opened their own record (same name and birth date {})", who(a),
                               patient->birth_date)});
  // Only a role explains it: relationship findings still count, a little lower.
  const bool by_role_only = explanation && explanation->kind == RuleKind::role;
  if (explanation && !by_role_only) return out;
  // Mostly the user's work (a pharmacist verifying a neighbour's orders): below the unexplained.
  // A relationship is personal, so it still ranks above a VIP opened in the same role work.
  const double lower = by_role_only ? 20 : 0;
  const std::string role_note =
      by_role_only ? fmt::format(" (only the user's role explains the access: {})", explanation->code) : "";
  const std::size_t before = out.size();

  if (user != nullptr && patient != nullptr) {
    const PostalAddress& home = directory.address_of(*user);
    const PostalAddress& theirs = directory.address_of(*patient);
    const bool self = !out.empty() && out.back().category == "self";
    if (!self && !home.empty() && !theirs.empty()) {
      if (same_household(home, theirs)) {
        const bool surname = shares_family_name(directory.name_of(*user), directory.name_of(*patient));
        out.push_back({"family", (surname ? 80.0 : 70.0) - lower,
                       surname ? fmt::format("the patient shares the surname and the home address of {}", who(a))
                               : fmt::format("the patient lives at the home address of {}", who(a))});
      } else if (same_building(home, theirs)) {
        out.push_back({"neighbour", 60 - lower, fmt::format("the patient lives in the same building as {}", who(a))});
      } else if (auto d = house_distance(home, theirs);
                 d && *d <= options.neighbour_house_distance) {
        out.push_back({"neighbour", 60 - lower,
                       fmt::format("the patient lives on the same street as {}, {} house number{} apart",
                                   who(a), *d, *d == 1 ? "" : "s")});
      }
    }
    if (const WorkforceMember* colleague = directory.employee_as(*patient);
        colleague != nullptr && colleague != user) {
      const bool same_department = !colleague->department.empty() &&
                                   colleague->department == user->department;
      out.push_back({"coworker", (same_department ? 65.0 : 50.0) - lower,
                     fmt::format("the patient is employee {} ({}{})", colleague->employee_id.empty() ? colleague->id : colleague->employee_id,
                                 colleague->department.empty() ? "no department" : colleague->department,
                                 same_department ? ", the same department as the user" : "")});
    }
  }
  if (patient != nullptr && patient->confidential)
    out.push_back({"vip", by_role_only ? 30.0 : 70.0,
                   "the patient's record is restricted (VIP / confidential)"});
  for (std::size_t i = before; i < out.size(); ++i) out[i].reason += role_note;
  if (by_role_only) return out;
  if (out.empty()) {
    std::string where = a.user != nullptr && !a.user->department.empty() ? a.user->department
                        : !a.department.empty()                          ? a.department
                                                                         : "an unknown department";
    const bool in_care = patient != nullptr && in_care_near(directory.encounters_of(*patient), a.time,
                                                            options.out_of_care_window);
    out.push_back({"curiosity", in_care || patient == nullptr ? 25.0 : 60.0,
                   fmt::format("no care, unit or role relationship explains the access by {} of {}",
                               who(a), where)});
    if (!in_care && patient != nullptr)
      out.back().reason += fmt::format("; the patient had no visit or stay within {} hours of it",
                                       options.out_of_care_window / (TimeNs{3600} * 1'000'000'000));
    if (a.user == nullptr) out.back().reason += "; the user is not in the directory";
    if (a.patient == nullptr) out.back().reason += "; the patient is not in the directory";
  }
  return out;
}

void add_habit_findings(const Access& a, const Explanation* explanation,
                        const Habits& habits, std::vector<Finding>& findings) {
  if (explanation) return;
  const std::string group = habits.group_name(a);
  for (Finding& f : findings) {
    if (f.category == "vip") {
      // A restricted record opened without an explanation weighs less from a group for whom
      // such accesses are routine (IT support on tickets, consultants): it still makes a case.
      const Habits::UnexplainedHabit h = habits.unexplained(a);
      if (h.peers >= Habits::kMinPeerGroup && h.peer_median >= 2) {
        f.score -= 15;
        f.reason += fmt::format("; accesses nothing explains are usual for {} (a median of {:g} "
                                "patients each in the period)", group, h.peer_median);
      }
      continue;
    }
    if (f.category != "curiosity") continue;
    const Habits::UnexplainedHabit h = habits.unexplained(a);
    if (h.patients == 0 || h.peers < Habits::kMinPeerGroup) break;
    if (h.peer_median >= 2) {
      f.reason += fmt::format("; accesses nothing explains are usual for {} (a median of {:g} "
                              "patients each in the period)", group, h.peer_median);
    } else if (h.patients == 1) {
      f.score += 20;
      f.reason += fmt::format("; it is the only patient {} opened without an explanation in the "
                              "period, and {} seldom do (a median of {:g} patients each)",
                              who(a), group, h.peer_median);
    } else {
      f.reason += fmt::format("; {} opened {} patients without an explanation in the period ({}: "
                              "a median of {:g} each)", who(a), h.patients, group, h.peer_median);
    }
    break;
  }
  if (const auto off = habits.off_hours(a))
    findings.push_back(
        {"after_hours", 50,
         fmt::format("at {:02}:{:02}, when {} seldom work{}: {:.1f}% of {}'s {} accesses in the "
                     "period fall within an hour of it",
                     off->hour, off->minute, off->by_peers ? group : who(a),
                     off->by_peers ? "" : "s", 100.0 * off->share,
                     off->by_peers ? "the peer group" : "the user", off->accesses)});
}

void BulkExportDetector::add(const Access& a) {
  if (a.action != Action::export_ && a.action != Action::print) return;
  by_user_[a.user_id].push_back({a.time, a.seq, a.patient_id});
}

std::vector<BulkExportDetector::Burst> BulkExportDetector::bursts_of(const std::string& user) const {
  std::vector<Burst> out;
  auto it = by_user_.find(user);
  if (it == by_user_.end()) return out;
  std::vector<Export> exports = it->second;
  std::sort(exports.begin(), exports.end(), [](const Export& x, const Export& y) { return x.time < y.time; });
  // Windows with at least bulk_export_count exports; overlapping windows merge into a burst.
  std::vector<bool> in_burst(exports.size(), false);
  std::size_t lo = 0;
  for (std::size_t hi = 0; hi < exports.size(); ++hi) {
    while (exports[hi].time - exports[lo].time > options_.bulk_export_window) ++lo;
    if (hi - lo + 1 >= options_.bulk_export_count)
      for (std::size_t i = lo; i <= hi; ++i) in_burst[i] = true;
  }
  Burst current;
  auto close = [&] {
    if (current.seqs.empty()) return;
    out.push_back(std::move(current));
    current = Burst{};
  };
  std::set<std::string> patients;
  for (std::size_t i = 0; i < exports.size(); ++i) {
    if (!in_burst[i]) {
      current.patients = patients.size();
      close();
      patients.clear();
      continue;
    }
    if (current.seqs.empty()) {
      current.user_id = user;
      current.first = exports[i].time;
    }
    current.seqs.push_back(exports[i].seq);
    current.last = exports[i].time;
    patients.insert(exports[i].patient_id);
  }
  current.patients = patients.size();
  close();
  return out;
}

std::vector<std::string> BulkExportDetector::user_ids() const {
  std::vector<std::string> out;
  out.reserve(by_user_.size());
  for (const auto& [user, _] : by_user_) out.push_back(user);
  return out;
}

}  // namespace ward::privacy

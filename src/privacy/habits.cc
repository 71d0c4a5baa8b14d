#include "privacy/habits.h"

#include <algorithm>
#include <cmath>

#include "core/prefetch.h"

namespace ward::privacy {
namespace {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  double m = values[mid];
  if (values.size() % 2 == 0) {
    m = (m + *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid))) / 2;
  }
  return m;
}

// Median and a robust spread: 1.4826 × the median absolute deviation (the standard deviation
// for normal data), never below 1 patient or a tenth of the median, so that counts that barely
// vary do not make every small excess look extreme.
struct Robust {
  double median = 0, scale = 1;
};
Robust robust(const std::vector<double>& values) {
  Robust r;
  r.median = median(values);
  std::vector<double> deviations;
  deviations.reserve(values.size());
  for (double v : values) deviations.push_back(std::abs(v - r.median));
  r.scale = std::max({1.4826 * median(std::move(deviations)), 0.1 * r.median, 1.0});
  return r;
}

// Share of a 24-hour histogram within an hour of `hour`.
double share_near(const std::array<std::uint64_t, 24>& hours, std::uint64_t total, int hour) {
  if (total == 0) return 1;
  std::uint64_t near = 0;
  for (int d = -1; d <= 1; ++d) near += hours[static_cast<std::size_t>((hour + d + 24) % 24)];
  return static_cast<double>(near) / static_cast<double>(total);
}

}  // namespace

Habits::Habits(const DirectoryIndex& directory, const date::time_zone* zone, HabitOptions options)
    : directory_(directory), options_(options), clock_(zone) {}

std::uint32_t Habits::user_index(const Access& a) {
  // Directory members by their dense index: no hashing of the id for each of millions of accesses.
  std::uint32_t* by_member = nullptr;
  if (a.user != nullptr) {
    const std::size_t d = directory_.index_of(*a.user);
    if (d >= user_by_member_.size()) user_by_member_.resize(d + 1, kNoUser);
    by_member = &user_by_member_[d];
    if (*by_member != kNoUser) return *by_member;
  }
  const std::string& id = a.user != nullptr ? a.user->id : a.user_id;
  auto [it, inserted] = user_by_id_.try_emplace(id, static_cast<std::uint32_t>(users_.size()));
  if (by_member != nullptr) *by_member = it->second;
  if (!inserted) return it->second;
  User u;
  u.user_id = a.user_id;
  u.key = id;
  const std::string& role = a.user != nullptr && !a.user->role.empty() ? a.user->role : a.role;
  const std::string& dept = a.user != nullptr && !a.user->department.empty() ? a.user->department : a.department;
  auto [g, new_group] = group_by_key_.try_emplace(role + '\x1f' + dept, static_cast<std::uint32_t>(groups_.size()));
  if (new_group) {
    Group group;
    group.name = (role.empty() ? std::string("staff of unknown role") : role) + " in " +
                 (dept.empty() ? std::string("no department") : dept);
    groups_.push_back(std::move(group));
  }
  u.group = g->second;
  groups_[u.group].members.push_back(it->second);
  users_.push_back(std::move(u));
  return it->second;
}

const Habits::User* Habits::find_user(const Access& a) const {
  if (const User* u = seen_member(a)) return u;
  auto it = user_by_id_.find(a.user != nullptr ? a.user->id : a.user_id);
  return it == user_by_id_.end() ? nullptr : &users_[it->second];
}

std::uint32_t Habits::patient_index(const Access& a) {
  if (a.patient != nullptr) return static_cast<std::uint32_t>(directory_.index_of(*a.patient));
  // Patients the directory does not know count from the top bit, clear of those it may learn.
  auto [it, _] = unknown_patients_.try_emplace(
      a.patient_id, 0x8000'0000u | static_cast<std::uint32_t>(unknown_patients_.size()));
  return it->second;
}

void Habits::changed(std::uint32_t user) {
  if (users_[user].queued) return;
  users_[user].queued = true;
  changed_.push_back(user);
}

void Habits::add(const Access& a) {
  const std::uint32_t ui = user_index(a);
  User& u = users_[ui];
  const WallClock::Local local = clock_.at(a.time);
  ++u.hours[static_cast<std::size_t>(local.hour)];
  ++u.accesses;
  u.days_changed = true;
  u.days.push_back({a.time, a.seq, patient_index(a), static_cast<std::int32_t>(local.day)});
  changed(ui);
}

// The user's record, when the directory knows them and they were added before (no hashing).
const Habits::User* Habits::seen_member(const Access& a) const {
  if (a.user == nullptr) return nullptr;
  const std::size_t d = directory_.index_of(*a.user);
  return d < user_by_member_.size() && user_by_member_[d] != kNoUser ? &users_[user_by_member_[d]] : nullptr;
}

void Habits::prefetch_user(const Access& a) const {
  if (const User* u = seen_member(a)) prefetch_lines(&u->accesses, sizeof u->accesses + sizeof u->days);
}

void Habits::prefetch_list_end(const Access& a) const {
  if (const User* u = seen_member(a)) prefetch_lines(u->days.data() + u->days.size(), sizeof(DayAccess));
}

void Habits::add_unexplained(const Access& a) {
  const std::uint32_t ui = user_index(a);
  User& u = users_[ui];
  u.unexplained_patients.push_back(patient_index(a));
  u.unexplained_changed = true;
  changed(ui);
}

void Habits::clear_unexplained(std::string_view user_key) {
  auto it = user_by_id_.find(std::string(user_key));
  if (it == user_by_id_.end()) return;
  User& u = users_[it->second];
  if (u.unexplained_patients.empty()) return;
  u.unexplained_patients.clear();
  u.unexplained_changed = true;
  changed(it->second);
}

void Habits::finish_user(User& u) {
  if (u.unexplained_changed) {
    std::sort(u.unexplained_patients.begin(), u.unexplained_patients.end());
    u.unexplained_patients.erase(std::unique(u.unexplained_patients.begin(), u.unexplained_patients.end()),
                                 u.unexplained_patients.end());
    u.unexplained_changed = false;
  }
  if (!u.days_changed) return;
  u.days_changed = false;
  std::sort(u.days.begin(), u.days.end(), [](const DayAccess& x, const DayAccess& y) {
    return x.day != y.day ? x.day < y.day : x.time < y.time;
  });
  // Distinct patients per active day.
  u.patients_per_day.clear();
  std::vector<std::uint32_t> patients;
  for (std::size_t i = 0; i < u.days.size();) {
    std::size_t j = i;
    patients.clear();
    for (; j < u.days.size() && u.days[j].day == u.days[i].day; ++j) patients.push_back(u.days[j].patient);
    std::sort(patients.begin(), patients.end());
    u.patients_per_day.push_back(
        static_cast<std::uint32_t>(std::unique(patients.begin(), patients.end()) - patients.begin()));
    i = j;
  }
}

bool Habits::finish_group(Group& g, bool& hours_moved) {
  const Group before = g;
  g.hours = {};
  g.accesses = 0;
  g.median_by_day.clear();
  std::vector<double> per_day, unexplained;
  std::map<std::int64_t, std::vector<double>> by_day;
  for (std::uint32_t m : g.members) {
    const User& u = users_[m];
    for (std::size_t h = 0; h < 24; ++h) g.hours[h] += u.hours[h];
    g.accesses += u.accesses;
    std::size_t first = 0;
    for (std::uint32_t n : u.patients_per_day) {
      const std::int32_t day = u.days[first].day;
      per_day.push_back(n);
      by_day[day].push_back(n);
      while (first < u.days.size() && u.days[first].day == day) ++first;
    }
    unexplained.push_back(static_cast<double>(u.unexplained_patients.size()));
  }
  // A day's own baseline needs a few of the group at work that day.
  for (auto& [day, counts] : by_day)
    if (counts.size() >= 3) g.median_by_day[day] = median(std::move(counts));
  const Robust days = robust(per_day);
  g.day_median = days.median;
  g.day_scale = days.scale;
  g.days = per_day.size();
  g.unexplained_median = median(std::move(unexplained));
  g.peers = g.members.size();
  hours_moved = g.accesses != before.accesses || g.hours != before.hours;
  return g.day_median != before.day_median || g.day_scale != before.day_scale || g.days != before.days ||
         g.unexplained_median != before.unexplained_median || g.peers != before.peers ||
         g.median_by_day != before.median_by_day;
}

std::vector<std::string> Habits::finish() {
  std::vector<std::uint32_t> judged, groups;
  for (std::uint32_t ui : changed_) {
    User& u = users_[ui];
    u.queued = false;
    finish_user(u);
    judged.push_back(ui);
    groups.push_back(u.group);
  }
  changed_.clear();
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  for (std::uint32_t gi : groups) {
    Group& g = groups_[gi];
    bool hours_moved = false;
    const bool moved = finish_group(g, hours_moved);
    // Off hours by the peers' hours: only users with too little history of their own.
    for (std::uint32_t m : g.members)
      if (moved || (hours_moved && users_[m].accesses < options_.min_accesses_for_hours)) judged.push_back(m);
  }
  std::sort(judged.begin(), judged.end());
  judged.erase(std::unique(judged.begin(), judged.end()), judged.end());
  std::vector<std::string> keys;
  keys.reserve(judged.size());
  for (std::uint32_t ui : judged) keys.push_back(users_[ui].key);
  return keys;
}

std::optional<Habits::OffHours> Habits::off_hours(const Access& a) const {
  const User* u = find_user(a);
  if (u == nullptr) return std::nullopt;
  const WallClock::Local local = clock_.at(a.time);
  OffHours out;
  out.hour = local.hour;
  out.minute = local.minute;
  if (u->accesses >= options_.min_accesses_for_hours) {
    out.share = share_near(u->hours, u->accesses, local.hour);
    out.accesses = u->accesses;
  } else {
    const Group& g = groups_[u->group];
    if (g.accesses < options_.min_accesses_for_hours) return std::nullopt;
    out.share = share_near(g.hours, g.accesses, local.hour);
    out.accesses = g.accesses;
    out.by_peers = true;
  }
  if (out.share >= options_.off_hours_share) return std::nullopt;
  return out;
}

Habits::UnexplainedHabit Habits::unexplained(const Access& a) const {
  UnexplainedHabit out;
  const User* u = find_user(a);
  if (u == nullptr) return out;
  const Group& g = groups_[u->group];
  out.patients = u->unexplained_patients.size();
  out.peer_median = g.unexplained_median;
  out.peers = g.peers;
  return out;
}

std::vector<Habits::VolumeDay> Habits::volume_days() const {
  std::vector<VolumeDay> out;
  for (const User& u : users_) add_volume_days(u, out);
  return out;
}

std::vector<Habits::VolumeDay> Habits::volume_days_of(std::string_view user_key) const {
  std::vector<VolumeDay> out;
  if (auto it = user_by_id_.find(std::string(user_key)); it != user_by_id_.end()) add_volume_days(users_[it->second], out);
  return out;
}

void Habits::add_volume_days(const User& u, std::vector<VolumeDay>& out) const {
  const Group& g = groups_[u.group];
  std::vector<double> own(u.patients_per_day.begin(), u.patients_per_day.end());
  const Robust mine = robust(own);
  const bool own_baseline = own.size() >= options_.min_days_for_own_baseline;
  std::size_t first = 0;
  for (std::uint32_t n : u.patients_per_day) {
    std::size_t last = first;
    while (last < u.days.size() && u.days[last].day == u.days[first].day) ++last;
    const double x = n;
    const auto day_median = g.median_by_day.find(u.days[first].day);
    const double that_day = day_median == g.median_by_day.end() ? 0 : day_median->second;
    const bool above_peers = (x - std::max(g.day_median, that_day)) / g.day_scale >= options_.volume_deviations;
    const bool above_own = !own_baseline || (x - mine.median) / mine.scale >= options_.volume_deviations;
    if (n >= options_.volume_min_patients && above_peers && above_own) {
      VolumeDay v;
      v.user_id = u.user_id;
      v.day = u.days[first].day;
      v.patients = n;
      v.own_median = own_baseline ? mine.median : 0;
      v.own_days = own_baseline ? own.size() : 0;
      v.peer_median = g.day_median;
      v.peer_days = g.days;
      v.peer_median_that_day = that_day;
      for (std::size_t i = first; i < last; ++i) v.seqs.push_back(u.days[i].seq);
      v.first = u.days[first].time;
      v.last = u.days[last - 1].time;
      out.push_back(std::move(v));
    }
    first = last;
  }
}

std::string Habits::group_name(const Access& a) const {
  const User* u = find_user(a);
  return u == nullptr ? std::string() : groups_[u->group].name;
}

}  // namespace ward::privacy

// Habits: what is usual for each user, and for their peers (the same role in the same
// department), over the accesses of a run — at which hours they work, how many patients they
// open a day, and how many patients they opened that nothing explains. Detectors compare one
// access or one day with these, so "unusual" means unusual for this person and people like them.
// Statistics are robust (medians and median absolute deviations): one odd day does not move them.
// Feed every access with add(), the unexplained ones also with add_unexplained(), then finish().
// Live use adds more and calls finish() again: it redoes only the users who changed and their
// peer groups, and says whose judgements may differ. Not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "privacy/access.h"
#include "privacy/directory_index.h"

namespace ward::privacy {

struct HabitOptions {
  // An hour (with the hour either side) that holds less than this share of a user's accesses is
  // outside their hours.
  double off_hours_share = 0.01;
  // Users with fewer accesses in the run are judged by their peers' hours.
  std::uint64_t min_accesses_for_hours = 200;
  // A day with at least this many patients opened, and this many robust deviations above both
  // the user's own days and their peers' days, is a volume anomaly.
  std::size_t volume_min_patients = 30;
  double volume_deviations = 6;
  // Fewer active days than this: the user's own baseline is not used, only the peers'.
  std::size_t min_days_for_own_baseline = 5;
};

class Habits {
 public:
  Habits(const DirectoryIndex& directory, const date::time_zone* zone, HabitOptions options);

  void add(const Access& access);
  // For a caller adding many accesses: asks for the memory add() will touch for `access`, a few
  // accesses ahead (2,000 users' records and their growing lists do not stay in the caches).
  // First the user's record, then, some accesses later, the end of their list.
  void prefetch_user(const Access& access) const;
  void prefetch_list_end(const Access& access) const;
  // An access nothing explains and no relationship accounts for (a curiosity finding).
  void add_unexplained(const Access& access);
  // Forgets the add_unexplained of one user (their key, as finish() names them), for a caller
  // that re-adds their accesses still unexplained. Nothing happens for a user never added.
  void clear_unexplained(std::string_view user_key);
  // Call after adding, before asking; again after adding more. Returns the keys of the users
  // whose judgements (off hours, unexplained, volume days) may differ from the last finish():
  // those added to, and the peers of a group whose statistics moved. A user's key is the
  // directory's id of the first access's user, else the id that access recorded.
  std::vector<std::string> finish();

  // The access is at an hour the user (or, with too little history, their peer group) seldom
  // works; nullopt when it is not, or when there is too little history to say.
  struct OffHours {
    int hour = 0, minute = 0;   // of the access, on the wall clock
    double share = 0;           // of the accesses within an hour of it
    std::uint64_t accesses = 0;  // the history it was judged against
    bool by_peers = false;       // the peer group's history, not the user's own
  };
  std::optional<OffHours> off_hours(const Access& access) const;

  // How many patients the user opened with nothing explaining it, against their peers (judged
  // only in a group of at least kMinPeerGroup members who accessed anything).
  static constexpr std::size_t kMinPeerGroup = 4;
  struct UnexplainedHabit {
    std::size_t patients = 0;      // of this user, this one included
    double peer_median = 0;        // per member of the peer group
    std::size_t peers = 0;         // members of the group who accessed anything
  };
  UnexplainedHabit unexplained(const Access& access) const;

  // Days on which a user opened far more patients than they usually do, and than their peers
  // usually do and did that day (a Monday backlog that the whole billing office works through is
  // not an anomaly).
  struct VolumeDay {
    std::string user_id;           // as recorded
    std::int64_t day = 0;          // wall-clock day number
    std::size_t patients = 0;
    double own_median = 0;         // patients a day over the user's active days
    std::size_t own_days = 0;
    double peer_median = 0;        // patients a day over the peer group's active days
    std::size_t peer_days = 0;
    double peer_median_that_day = 0;  // 0 when fewer than three of the group worked that day
    std::vector<std::int64_t> seqs;  // that day's accesses, in time order
    TimeNs first = 0, last = 0;
  };
  std::vector<VolumeDay> volume_days() const;
  // The same for one user (their key, as finish() names them); none for a user never added.
  std::vector<VolumeDay> volume_days_of(std::string_view user_key) const;

  // "registered nurse in Oncology", for reasons.
  std::string group_name(const Access& access) const;

 private:
  struct DayAccess {
    TimeNs time;
    std::int64_t seq;
    std::uint32_t patient;
    std::int32_t day;
  };
  struct User {
    std::string user_id;  // as first recorded
    std::string key;      // the directory's id, else as first recorded (user_by_id_)
    std::uint32_t group = 0;
    std::array<std::uint64_t, 24> hours{};
    std::uint64_t accesses = 0;
    std::vector<DayAccess> days;  // sorted by (day, patient) at finish
    std::vector<std::uint32_t> unexplained_patients;  // sorted, unique at finish
    std::vector<std::uint32_t> patients_per_day;      // at finish
    bool days_changed = false;         // since the last finish
    bool unexplained_changed = false;
    bool queued = false;               // in changed_
  };
  struct Group {
    std::string name;
    std::array<std::uint64_t, 24> hours{};
    std::uint64_t accesses = 0;
    std::vector<std::uint32_t> members;  // user indexes
    double day_median = 0, day_scale = 1;  // patients a day
    std::size_t days = 0;
    double unexplained_median = 0;
    std::size_t peers = 0;  // members when last computed
    std::map<std::int64_t, double> median_by_day;  // of days on which three or more worked
  };

  std::uint32_t user_index(const Access& a);
  const User* find_user(const Access& a) const;
  const User* seen_member(const Access& a) const;  // find_user without hashing: nullptr if not found so
  std::uint32_t patient_index(const Access& a);
  void changed(std::uint32_t user);     // queues the user for the next finish()
  void finish_user(User& u);            // patients per day, unexplained patients
  // The group's statistics anew; false when nothing a member's judgement reads moved, except
  // maybe the hours (`hours_moved`).
  bool finish_group(Group& g, bool& hours_moved);
  void add_volume_days(const User& u, std::vector<VolumeDay>& out) const;

  const DirectoryIndex& directory_;
  HabitOptions options_;
  mutable WallClock clock_;  // a cache of the zone's offset: logically const
  std::unordered_map<std::string, std::uint32_t> user_by_id_;
  static constexpr std::uint32_t kNoUser = ~0u;
  std::vector<std::uint32_t> user_by_member_;  // by the directory's index, kNoUser when not seen
  std::unordered_map<std::string, std::uint32_t> group_by_key_;
  std::unordered_map<std::string, std::uint32_t> unknown_patients_;  // beyond the directory's
  std::vector<User> users_;
  std::vector<Group> groups_;
  std::vector<std::uint32_t> changed_;  // users added to since the last finish
};

}  // namespace ward::privacy

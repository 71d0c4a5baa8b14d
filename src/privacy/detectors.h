// Detectors: what about an access should a privacy officer look at. Each finding has a category,
// a score (0–100, higher first) and a reason in plain words with the facts behind it.
// - Self-access and use after termination are findings whatever explains the access.
// - Family, neighbour, coworker and VIP look at accesses nothing explains, and, scored lower, at
//   those only a role explains (a pharmacist may open any inpatient's chart, but a pharmacist
//   opening a relative's is what monitoring is for). Care-team, unit and purpose explanations
//   clear them.
// - Curiosity: an access nothing explains and nothing else flagged; scored higher when the
//   patient had no encounter near the access (not in the hospital's care then).
// - Habits (add_habit_findings, once every access has been seen): an unexplained access at an
//   hour the user seldom works is after-hours; curiosity is scored higher when this patient is
//   the only one the user opened without an explanation while their peers seldom do so, and the
//   reason says so when such accesses are usual for the peer group (IT support, consultants).
// - Bulk export looks across one user's accesses (BulkExportDetector); volume anomalies across
//   their days (Habits::volume_days); repeated browsing across the days of a case (CaseBuilder).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "privacy/access.h"
#include "privacy/directory_index.h"
#include "privacy/explain.h"
#include "privacy/habits.h"

namespace ward::privacy {

struct DetectorOptions {
  const date::time_zone* local_zone = nullptr;  // the hospital's wall clock (UTC when null)
  int neighbour_house_distance = 10;  // house numbers this close on one street are neighbours
  // An unexplained access to a patient with no encounter this close to it is to someone not in
  // the hospital's care at the time: curiosity scored higher.
  TimeNs out_of_care_window = TimeNs{48} * 3600 * 1'000'000'000;
  std::size_t bulk_export_count = 50;  // this many exports by one user …
  TimeNs bulk_export_window = TimeNs{3600} * 1'000'000'000;  // … within this window
  HabitOptions habits;  // after hours, volume
};

struct Finding {
  // self, terminated, family, neighbour, coworker, vip, curiosity, after_hours, bulk_export,
  // volume, repeated
  std::string category;
  double score = 0;
  std::string reason;
};

// Findings about one access, given what (if anything) explains it.
std::vector<Finding> findings_for(const Access& access, const Explanation* explanation,
                                  const DirectoryIndex& directory, const DetectorOptions& options);

// The findings that need the user's habits, for an access nothing explains: after-hours, and the
// curiosity score and reason against what the user and their peers usually do.
void add_habit_findings(const Access& access, const Explanation* explanation,
                        const Habits& habits, std::vector<Finding>& findings);

// Exports (and prints) by one user close together: feed every access, then take each user's
// bursts.
class BulkExportDetector {
 public:
  explicit BulkExportDetector(const DetectorOptions& options) : options_(options) {}
  void add(const Access& access);
  struct Burst {
    std::string user_id;            // as recorded
    std::vector<std::int64_t> seqs;  // in time order
    TimeNs first = 0, last = 0;
    std::size_t patients = 0;
  };
  // One user's (as recorded), by time; none for a user who exported nothing.
  std::vector<Burst> bursts_of(const std::string& user_id) const;
  // The users (as recorded) who exported or printed anything.
  std::vector<std::string> user_ids() const;

 private:
  struct Export {
    TimeNs time;
    std::int64_t seq;
    std::string patient_id;
  };
  DetectorOptions options_;
  std::unordered_map<std::string, std::vector<Export>> by_user_;
};

}  // namespace ward::privacy

// Cases: findings grouped for review — one case per user and patient (all the accesses of that
// user to that patient with a finding), one per account used after termination, one per
// bulk-export burst and one per day of anomalous volume. A user and patient case with accesses
// nothing explains on several days is repeated browsing. A case's score is its strongest finding's, raised a little for each
// further category and for access on several days; its reason says what was found, how often
// and when.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "privacy/access.h"
#include "privacy/detectors.h"
#include "store/privacy_rows.h"

namespace ward::privacy {

class CaseBuilder {
 public:
  // Days in reasons are on the hospital's wall clock (`zone`; UTC when null).
  explicit CaseBuilder(const date::time_zone* zone = nullptr) : zone_(zone) {}
  // `explained`: something explains the access (a role, for the relationship detectors), so it
  // does not count towards repeated browsing.
  void add(const Access& access, const std::vector<Finding>& findings, bool explained);
  // A bulk-export burst is one case; its accesses leave the per-patient cases they were in.
  void add_burst(const BulkExportDetector::Burst& burst, std::string_view user_name);
  // A day on which the user opened far more patients than usual: one case of that day's accesses.
  void add_volume(const Habits::VolumeDay& day, std::string_view user_name, std::string_view group);
  // Highest score first.
  std::vector<store::CaseRecord> cases() const;

 private:
  struct Draft {
    // What a draft keeps of its accesses does not depend on the order they are added in: the
    // earliest access (by time, then seq) names the user and the patient, and gives the reason
    // of a category among its strongest findings.
    std::string user_id, patient_id;  // as the earliest access recorded them
    std::pair<TimeNs, std::int64_t> earliest{};
    std::map<std::string, Finding> by_category;  // the strongest finding per category
    std::map<std::string, std::pair<TimeNs, std::int64_t>> found_at;  // by_category's access
    std::vector<std::pair<TimeNs, std::int64_t>> accesses;  // time, seq
    std::vector<TimeNs> unexplained;  // the times of the accesses nothing explains
    std::set<std::string> patients;  // of a case about many patients
    bool volume = false;             // a day of anomalous volume
  };
  static constexpr std::size_t kRepeatedDays = 3;  // unexplained on this many days: repeated browsing
  const date::time_zone* zone_;
  std::map<std::string, Draft> drafts_;  // by case key
};

}  // namespace ward::privacy

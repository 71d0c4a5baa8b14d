// Assessments in the store (migration 0024: program_assessments, program_assessment_controls;
// 0027 adds the profile).
// Opened on the data directory's ward.db like the vendor store; thread-safe (one connection
// behind a mutex). The store checks what it can alone (status, date form); that a control
// belongs to the assessment's catalogue is checked by rate_control (assessment_service.h).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "controls/assessment.h"
#include "core/error.h"
#include "store/sqlite_db.h"

namespace ward::controls {

class AssessmentStore {
 public:
  static Result<std::unique_ptr<AssessmentStore>> open(const std::filesystem::path& data_dir);

  // A new assessment of `catalog` (name as given), cut down to `profile` ("" for none), named
  // `name`; returns it with its id.
  Result<Assessment> start(const std::string& name, const std::string& catalog, const std::string& profile,
                           const std::string& actor);
  Result<std::vector<Assessment>> list();  // newest first
  Result<std::optional<Assessment>> find(std::int64_t id);

  // Sets (replaces) the rating of one control. not_found when the assessment does not exist;
  // a target that is not YYYY-MM-DD is invalid_input on field "target".
  Result<void> rate(std::int64_t assessment_id, const ControlRating& rating);
  Result<std::vector<ControlRating>> ratings(std::int64_t assessment_id);

 private:
  explicit AssessmentStore(store::Db db) : db_(std::move(db)) {}
  std::mutex mu_;
  store::Db db_;
};

}  // namespace ward::controls

// AssessmentStore (assessment_store.h): one row per assessment, one per rated control.
#include "controls/assessment_store.h"

#include <fmt/format.h>

#include "core/time.h"
#include "incidents/calendar_day.h"
#include "store/capability_db.h"

namespace ward::controls {
namespace {

Assessment read_assessment(const store::Statement& s) {
  return {s.column_int(0), std::string(s.column_text(1)), std::string(s.column_text(2)), std::string(s.column_text(5)),
          std::string(s.column_text(3)), s.column_int(4)};
}

constexpr const char* kAssessmentColumns = "assessment_id, name, catalog, created_by, created_ns, profile";

}  // namespace

Result<std::unique_ptr<AssessmentStore>> AssessmentStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<AssessmentStore>(new AssessmentStore(std::move(*db)));
}

Result<Assessment> AssessmentStore::start(const std::string& name, const std::string& catalog, const std::string& profile,
                                          const std::string& actor) {
  if (name.empty()) return fail(ErrorCode::invalid_input, "name: an assessment needs a name", "name");
  std::lock_guard lock(mu_);
  auto s = db_.prepare(
      "INSERT INTO program_assessments (name, catalog, created_by, created_ns, profile) VALUES (?1,?2,?3,?4,?5)");
  if (!s) return Unexpected(s.error());
  const std::int64_t now = now_ns();
  s->bind(1, name);
  s->bind(2, catalog);
  s->bind(3, actor);
  s->bind(4, now);
  s->bind(5, profile);  // "" binds NULL: no profile
  if (auto r = s->run(); !r) return Unexpected(r.error());
  return Assessment{db_.last_insert_rowid(), name, catalog, profile, actor, now};
}

Result<std::vector<Assessment>> AssessmentStore::list() {
  std::lock_guard lock(mu_);
  auto s = db_.prepare(fmt::format("SELECT {} FROM program_assessments ORDER BY assessment_id DESC", kAssessmentColumns));
  if (!s) return Unexpected(s.error());
  std::vector<Assessment> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back(read_assessment(*s));
  }
}

Result<std::optional<Assessment>> AssessmentStore::find(std::int64_t id) {
  std::lock_guard lock(mu_);
  auto s = db_.prepare(fmt::format("SELECT {} FROM program_assessments WHERE assessment_id = ?1", kAssessmentColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<Assessment>();
  return std::optional<Assessment>(read_assessment(*s));
}

Result<void> AssessmentStore::rate(std::int64_t assessment_id, const ControlRating& r) {
  if (!r.target.empty())
    if (auto d = incidents::parse_day(r.target, "target"); !d) return Unexpected(d.error());
  auto found = find(assessment_id);
  if (!found) return Unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, fmt::format("no assessment {}", assessment_id), "assessment");
  std::lock_guard lock(mu_);
  auto s = db_.prepare(
      "INSERT OR REPLACE INTO program_assessment_controls (assessment_id, control_id, status, owner, evidence, target, "
      "updated_by, updated_ns) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  if (!s) return Unexpected(s.error());
  s->bind(1, assessment_id);
  s->bind(2, r.control_id);
  s->bind(3, to_string(r.status));
  // Empty texts bind NULL; INSERT OR REPLACE stores the column's '' default instead.
  s->bind(4, r.owner);
  s->bind(5, r.evidence);
  s->bind(6, r.target);
  s->bind(7, r.updated_by);
  s->bind(8, r.updated_ns ? r.updated_ns : now_ns());
  return s->run();
}

Result<std::vector<ControlRating>> AssessmentStore::ratings(std::int64_t assessment_id) {
  std::lock_guard lock(mu_);
  auto s = db_.prepare(
      "SELECT control_id, status, owner, evidence, target, updated_by, updated_ns FROM program_assessment_controls "
      "WHERE assessment_id = ?1 ORDER BY control_id");
  if (!s) return Unexpected(s.error());
  s->bind(1, assessment_id);
  std::vector<ControlRating> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    auto status = parse_control_status(s->column_text(1));
    if (!status) return Unexpected(status.error());
    out.push_back({std::string(s->column_text(0)), *status, std::string(s->column_text(2)), std::string(s->column_text(3)),
                   std::string(s->column_text(4)), std::string(s->column_text(5)), s->column_int(6)});
  }
}

}  // namespace ward::controls

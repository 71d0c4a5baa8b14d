// Assessments as the CLI and the API use them (assessment_service.h).
#include "controls/assessment_service.h"

#include <fmt/format.h>

#include "controls/builtin_catalogs.h"
#include "incidents/calendar_day.h"

namespace ward::controls {
namespace {

Result<Assessment> existing(AssessmentStore& store, std::int64_t id) {
  auto a = store.find(id);
  if (!a) return Unexpected(a.error());
  if (!*a) return fail(ErrorCode::not_found, fmt::format("no assessment {}", id), "assessment");
  return **a;
}

}  // namespace

Result<Assessment> start_assessment(AssessmentStore& store, const std::string& catalog, std::string name,
                                    const std::string& actor, const std::string& profile) {
  auto cat = find_catalog(catalog, profile);
  if (!cat) return Unexpected(cat.error());
  if (name.empty()) name = fmt::format("{} {}", cat->title, incidents::format_day(incidents::today_utc()));
  return store.start(name, catalog, profile, actor);
}

Result<void> rate_control(AssessmentStore& store, std::int64_t assessment_id, ControlRating rating, const std::string& actor) {
  auto a = existing(store, assessment_id);
  if (!a) return Unexpected(a.error());
  auto cat = find_catalog(a->catalog, a->profile);
  if (!cat) return Unexpected(cat.error());
  if (auto r = check_rated_control(*cat, rating.control_id); !r) return r;
  rating.updated_by = actor;
  rating.updated_ns = 0;
  return store.rate(assessment_id, rating);
}

Result<LoadedReport> load_report(AssessmentStore& store, const std::filesystem::path& data_dir, std::int64_t assessment_id) {
  auto a = existing(store, assessment_id);
  if (!a) return Unexpected(a.error());
  auto cat = find_catalog(a->catalog, a->profile);
  if (!cat) return Unexpected(cat.error());
  auto ratings = store.ratings(assessment_id);
  if (!ratings) return Unexpected(ratings.error());
  auto evidence = ward_evidence(data_dir, a->catalog);
  if (!evidence) return Unexpected(evidence.error());
  LoadedReport out{std::make_unique<Catalog>(std::move(*cat)), {}};
  out.report = build_report(*a, *out.catalog, *ratings, *evidence);
  return out;
}

}  // namespace ward::controls

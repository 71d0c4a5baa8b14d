// Reading the board report's inputs (board_data.h).
#include "board_report/board_data.h"

#include "controls/assessment_store.h"
#include "controls/builtin_catalogs.h"
#include "incidents/incident_store.h"
#include "incidents/state_laws.h"
#include "risks/risk_store.h"

namespace ward::board_report {
namespace {

constexpr const char* kCsf = "csf-2.0";

// Every CSF 2.0 assessment's posture (without Ward's evidence: the figures carry it).
Result<std::vector<AssessedPosture>> csf_postures(const std::filesystem::path& data_dir) {
  auto store = controls::AssessmentStore::open(data_dir);
  if (!store) return Unexpected(store.error());
  auto all = (*store)->list();
  if (!all) return Unexpected(all.error());
  std::vector<AssessedPosture> out;
  std::optional<controls::Catalog> csf;
  for (const controls::Assessment& a : *all) {
    if (a.catalog != kCsf) continue;
    if (!csf) {
      auto cat = controls::find_catalog(kCsf);
      if (!cat) return Unexpected(cat.error());
      csf = std::move(*cat);
    }
    auto ratings = (*store)->ratings(a.id);
    if (!ratings) return Unexpected(ratings.error());
    controls::AssessmentReport report = controls::build_report(a, *csf, *ratings, {});
    out.push_back({a, std::move(report.posture), report.overall});
  }
  return out;
}

}  // namespace

Result<BoardReport> load_board_report(const std::filesystem::path& data_dir, Quarter quarter, incidents::Day today) {
  BoardInputs in;
  in.quarter = quarter;
  in.today = today;
  auto postures = csf_postures(data_dir);
  if (!postures) return Unexpected(postures.error());
  in.csf_assessments = std::move(*postures);
  auto risk_store = risks::RiskStore::open(data_dir);
  if (!risk_store) return Unexpected(risk_store.error());
  auto all_risks = (*risk_store)->list();
  if (!all_risks) return Unexpected(all_risks.error());
  in.risks = std::move(*all_risks);
  auto figures = controls::ward_figures(data_dir, today);
  if (!figures) return Unexpected(figures.error());
  in.figures = std::move(*figures);
  auto incident_store = incidents::IncidentStore::open(data_dir);
  if (!incident_store) return Unexpected(incident_store.error());
  auto deadlines = incidents::open_breach_deadlines(**incident_store, incidents::builtin_state_laws());
  if (!deadlines) return Unexpected(deadlines.error());
  in.deadlines = std::move(*deadlines);
  return build_board_report(in);
}

}  // namespace ward::board_report

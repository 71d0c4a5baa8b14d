// An assessment as people read it: every control the catalogue rates (assessable_controls) with
// its rating or none, Ward's own evidence beside it, and the posture per top-level group (the
// CSF function) and overall. The posture rule: score = (implemented + partial / 2) / (controls
// - not_applicable); a control not yet rated counts as not implemented. 0 when every control is
// not applicable. The CLI and the API print the same JSON, text and CSV from here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "controls/assessment.h"
#include "controls/oscal_catalog.h"
#include "controls/ward_evidence.h"

namespace ward::controls {

struct ControlLine {
  ControlEntry entry;
  std::optional<ControlRating> rating;
  std::vector<EvidenceNote> ward_evidence;
};

struct Posture {
  std::string group_id, group_title;  // "" for the overall line
  int controls = 0, implemented = 0, partial = 0, not_implemented = 0, not_applicable = 0, unrated = 0;
  double score = 0;  // 0..1, the rule above
};

struct AssessmentReport {
  Assessment assessment;
  std::string catalog_title;
  std::vector<ControlLine> controls;
  std::vector<Posture> posture;  // per top-level group, in catalogue order
  Posture overall;
};

// `catalog` must outlive the report (lines point into it). Ratings of ids the catalogue does not
// rate are left out.
AssessmentReport build_report(const Assessment& a, const Catalog& catalog, const std::vector<ControlRating>& ratings,
                              const std::vector<EvidenceNote>& evidence);

// The rating of `control_id` if `catalog` rates it; otherwise invalid_input on field "control"
// saying so (with the catalogue's first ids as examples).
Result<void> check_rated_control(const Catalog& catalog, const std::string& control_id);

nlohmann::ordered_json posture_json(const AssessmentReport& r);             // the summary: assessment, posture
nlohmann::ordered_json report_json(const AssessmentReport& r);              // summary and every control
std::string report_text(const AssessmentReport& r);
std::string report_csv(const AssessmentReport& r);  // one row per control

}  // namespace ward::controls

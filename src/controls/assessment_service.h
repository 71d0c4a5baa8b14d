// What the CLI and the API do with assessments, in one place: start one on a catalogue that
// exists, rate a control the catalogue rates, and build the report with Ward's evidence.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "controls/assessment_report.h"
#include "controls/assessment_store.h"

namespace ward::controls {

// Starts an assessment of `catalog` (builtin_catalogs.h), cut down to the OSCAL profile file
// `profile` when not ""; `name` "" names it after the catalogue and today's date. An unknown
// catalogue, or a profile it cannot satisfy, saves nothing.
Result<Assessment> start_assessment(AssessmentStore& store, const std::string& catalog, std::string name,
                                    const std::string& actor, const std::string& profile = "");

// Rates one control; not_found for an unknown assessment, invalid_input for a control the
// catalogue does not rate, a bad status or target date. Nothing is saved on error.
Result<void> rate_control(AssessmentStore& store, std::int64_t assessment_id, ControlRating rating, const std::string& actor);

// The report with the catalogue it points into (kept alive together).
struct LoadedReport {
  std::unique_ptr<Catalog> catalog;
  AssessmentReport report;
};
Result<LoadedReport> load_report(AssessmentStore& store, const std::filesystem::path& data_dir, std::int64_t assessment_id);

}  // namespace ward::controls

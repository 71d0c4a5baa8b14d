// The OCR breach portal's report ("Notice to the Secretary of HHS of Breach of Unsecured
// Protected Health Information") filled from an incident and its assessment, as JSON or CSV,
// so the privacy officer copies the answers into the portal. docs/program.md lists the fields.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "incidents/breach_clock.h"
#include "incidents/incident_store.h"

namespace ward::incidents {

struct ReportingEntity {
  std::string name;  // the covered entity
  std::string type = "Healthcare Provider";  // Health Plan, Healthcare Clearinghouse, Healthcare Provider
};

struct OcrReport {
  Incident incident;
  StoredAssessment assessment;
  BreachClock clock;
};

// The reports of every incident assessed as a presumed breach, or of incident `only` (0: all);
// `only` without such an assessment is invalid_input on "incident".
Result<std::vector<OcrReport>> breach_reports(IncidentStore& store, const StateLaws& laws, std::int64_t only = 0);

// One report as an object of the portal's fields in its order (field names in snake_case).
nlohmann::ordered_json ocr_report_json(const OcrReport& report, const ReportingEntity& entity);
// A header line and a row per report; lists joined with "; ".
std::string ocr_reports_csv(const std::vector<OcrReport>& reports, const ReportingEntity& entity);

}  // namespace ward::incidents

// The vendor list's views as JSON, shared by `ward program vendor|reminders|concentration
// --format json` and the API's /api/v1/program/vendors routes.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "third_parties/vendor_risk.h"

namespace ward::third_parties {

// The vendor with its "risk": {score, level, reasons}, counting `questionnaire` when given, and
// each certification's "days_left" until it expires (negative once expired) from `today`.
nlohmann::json vendor_with_risk_json(const Vendor& v, incidents::Day today, const QuestionnaireResult* questionnaire = nullptr);
nlohmann::json reminders_json(const std::vector<Reminder>& reminders, int within_days);
nlohmann::json concentration_json(const std::vector<Concentration>& rows);

}  // namespace ward::third_parties

// Writing a FairnessReport (fairness.h) for people (text), for programs (JSON, also what is
// stored as bias-test evidence on an AI system) and for spreadsheets (CSV, one row per group).
// A metric that is undefined is written as the reason (text), null (JSON) or an empty cell with
// the reason in the `notes` column (CSV) — never as a number.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "ai_governance/fairness.h"
#include "ai_governance/predictions_csv.h"

namespace ward::ai_governance {

std::string fairness_text(const FairnessReport& report, const PredictionTable& table);
nlohmann::json fairness_json(const FairnessReport& report, const PredictionTable& table);
std::string fairness_csv(const FairnessReport& report);

}  // namespace ward::ai_governance

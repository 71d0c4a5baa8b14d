// What the CLI and the API do with the risk register, in one place: add a risk whose linked
// controls exist in Ward's built-in catalogues, add a treatment (its expected likelihood and
// impact default to the risk's own), change a treatment's status, and the JSON and text views.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "risks/risk_store.h"

namespace ward::risks {

// Every link names a built-in catalogue (controls/builtin_catalogs.h; an OSCAL file is not
// taken) and a control that catalogue rates; else invalid_input on field "control" or
// "catalog" naming the link. Then check_risk; nothing is saved on error.
Result<Risk> add_risk(RiskStore& store, Risk risk, const std::string& actor);

// Adds `t` to risk `risk_id` (not_found when none). A residual level left 0 takes the risk's
// own (an accepted risk keeps its score).
Result<Treatment> treat_risk(RiskStore& store, std::int64_t risk_id, Treatment t, const std::string& actor);

Result<Risk> existing_risk(RiskStore& store, std::int64_t id);  // not_found on field "risk"

nlohmann::ordered_json risk_json(const Risk& r);  // with inherent and residual scores
nlohmann::ordered_json risks_json(const std::vector<Risk>& risks);
std::string risk_text(const Risk& r);
std::string risks_text(const std::vector<Risk>& risks);

}  // namespace ward::risks

// The transparency listing for clinicians and patients: every approved AI system with its
// intended use, users, HTI-1 source attributes and limitations, as JSON (the API and
// `--format json`) and as a self-contained HTML page (`ward ai transparency --out FILE.html`).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ai_governance/ai_store.h"

namespace ward::ai_governance {

// Systems not approved are left out. For a predictive DSI, each HTI-1 source attribute the
// record lacks is listed as not provided, so the gap is visible rather than silent.
nlohmann::json transparency_json(const std::vector<SystemRecord>& records, const std::string& generated_at);
// The same content as HTML; every value is escaped.
std::string transparency_html(const nlohmann::json& listing);

}  // namespace ward::ai_governance

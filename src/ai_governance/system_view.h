// What `ward ai show`/`list` and GET /api/v1/ai/systems… show of the registry, built once for
// both: a system's record with its status, risk tier, reviews, evidence, history, what still
// blocks approval and its AI RMF checklist; and the registry as a list (overdue re-reviews marked).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ai_governance/ai_store.h"
#include "core/error.h"

namespace ward::ai_governance {

// not_found when there is no such system. Evidence bodies (a bias test's full report) are left
// out; `evidence_body` gives one.
Result<nlohmann::json> system_view_json(AiStore& store, const std::string& id);
// The registry: id, name, vendor, status, risk tier, next review and whether it is overdue on
// `today` (YYYY-MM-DD), domains.
nlohmann::json registry_json(const std::vector<SystemRecord>& records, const std::string& today);
// Counts by status and tier, and overdue re-reviews: what an executive sees.
nlohmann::json registry_summary_json(const std::vector<SystemRecord>& records, const std::string& today);

std::string system_view_text(const nlohmann::json& view);
std::string registry_text(const nlohmann::json& registry);

}  // namespace ward::ai_governance

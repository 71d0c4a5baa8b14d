// An AI system's record as JSON: what `ward ai add FILE.json` and POST /api/v1/ai/systems take,
// and how the store keeps it. Keys are AiSystem's member names; model_card and
// source_attributes take the keys of catalogues.h (CHAI and HTI-1 fields).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "ai_governance/ai_system.h"
#include "core/error.h"

namespace ward::ai_governance {

// Fails, naming the key ("deployment", "model_card.foo"), on an unknown key, a wrong type, a
// value outside its set (use, deployment, autonomy), an id that is not lower-case letters,
// digits and hyphens, or a missing name. A missing id is made from the name.
Result<AiSystem> ai_system_from_json(const nlohmann::json& j);
Result<AiSystem> parse_ai_system(std::string_view text);
nlohmann::json ai_system_json(const AiSystem& system);

}  // namespace ward::ai_governance

// The JSON of stored rules and of what an upload did, for the API and `ward rules … --format
// json`: one place says how a rule looks to a client.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/rule_upload.h"
#include "store/detection_rule_rows.h"

namespace ward::rules {

// {"id", "title", "level", "status", "kind", "logsource": {product, category, service},
//  "enabled", "origin", "added", "added_by", "updated", "updated_by"} and "yaml" when with_yaml.
nlohmann::json rule_json(const store::DetectionRuleRecord& rule, bool with_yaml);

// {"document", "rule", "line", "field", "message", "text"}; line and field null when not known.
nlohmann::json problem_json(const UploadProblem& problem);

// "added", "updated", "unchanged".
std::string_view to_string(store::RuleUpsert outcome);

// "product:linux,service:sshd": the logsource as `ward detect --logsource` takes it; "" when none.
std::string logsource_text(const store::DetectionRuleRecord& rule);

}  // namespace ward::rules

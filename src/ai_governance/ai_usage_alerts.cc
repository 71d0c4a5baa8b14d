#include "ai_governance/ai_usage_alerts.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ward::ai_governance {

std::vector<store::AlertRecord> first_seen_alerts(const UsageRows& rows, const std::vector<std::string>& first_seen,
                                                  TimeNs now) {
  std::vector<store::AlertRecord> out;
  for (const std::string& service : first_seen) {
    const UsageKey* key = nullptr;
    const UsageRow* row = nullptr;
    for (const auto& [k, r] : rows)
      if (k.service == service && (row == nullptr || r.first < row->first)) key = &k, row = &r;
    if (row == nullptr) continue;  // not in these rows: nothing to say when or who
    store::AlertRecord a;
    a.rule_id = std::string(kFirstSeenRuleId);
    const bool approved = key->status == UsageStatus::approved;
    a.level = approved ? "informational" : "medium";
    a.rule_title = fmt::format("AI service seen for the first time: {} ({})", service,
                               approved                                  ? "approved in the registry"
                               : key->status == UsageStatus::unapproved ? "in the registry, not approved"
                                                                          : "not in the registry: shadow AI");
    a.event_time = row->first;
    a.detected = now;
    a.source = "ward ai usage";
    (row->is_user ? a.user_id : a.host) = key->who;
    a.tags = "ai.first_seen";
    nlohmann::json matched{{"service", service}, {"status", std::string(to_string(key->status))}, {"group", row->group}};
    if (!row->hosts.empty()) matched["hosts"] = row->hosts;
    a.matched = matched.dump();
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace ward::ai_governance

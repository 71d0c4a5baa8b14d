// Ward alerts for AI services seen in the logs for the first time (issue 9: "new services seen
// for the first time alerted"): one per service new to the store's record, at the level its
// standing deserves — medium when the registry does not know it or has not approved it (shadow
// AI), informational when it is approved. They go where detection alerts go, so the analyst
// acknowledges and closes them the same way.
#pragma once

#include <string>
#include <vector>

#include "ai_governance/ai_usage_rows.h"
#include "core/time.h"
#include "store/alert_rows.h"

namespace ward::ai_governance {

inline constexpr std::string_view kFirstSeenRuleId = "ward-ai-service-first-seen";

// The alerts for `first_seen` (services AiStore::record_seen_services found new), from the
// earliest use of each in `rows`; `now` is when Ward raised them.
std::vector<store::AlertRecord> first_seen_alerts(const UsageRows& rows, const std::vector<std::string>& first_seen,
                                                  TimeNs now);

}  // namespace ward::ai_governance

// The alert the DLP keeps for a request that carried PHI to a watched destination (docs/dlp.md,
// "Alerts"): rule kPhiToAiServiceRule, the client and user as the proxy sent them, and in
// `matched` the destination, service, PHI counts by type and the action — never a value.
// `ward serve --icap` stores it; AI use monitoring reads it back (ai_governance/phi_to_ai.h).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/time.h"
#include "dlp/outbound_inspector.h"
#include "store/alert_rows.h"

namespace ward::dlp {

inline constexpr std::string_view kPhiToAiServiceRule = "ward-dlp-phi-to-ai-service";

// The alert for `verdict` (total > 0), the `n`th request with PHI the server saw from `peer`.
store::AlertRecord phi_alert(const Verdict& verdict, std::string_view peer, std::uint64_t n, TimeNs now);

}  // namespace ward::dlp

// The DLP's alert for PHI on its way out (phi_alert.h).
#include "dlp/phi_alert.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ward::dlp {

store::AlertRecord phi_alert(const Verdict& v, std::string_view peer, std::uint64_t n, TimeNs now) {
  nlohmann::json found = nlohmann::json::object();
  for (std::size_t i = 0; i < v.phi.size(); ++i)
    if (v.phi[i] > 0) found[std::string(phi::to_string(static_cast<phi::PhiType>(i)))] = v.phi[i];
  store::AlertRecord a;
  a.rule_id = std::string(kPhiToAiServiceRule);
  a.rule_title = fmt::format("PHI sent to an AI service ({})", v.blocked ? "blocked" : "let through");
  a.level = v.blocked ? "medium" : "high";
  a.event_time = a.detected = now;
  a.source = fmt::format("icap:{}", peer);
  a.event_ref = fmt::format("request {} at {}", n, now);
  a.host = v.client;
  a.user_id = v.user;
  a.tags = "ward.dlp attack.exfiltration";
  a.matched = nlohmann::json{{"destination", v.host}, {"service", v.service}, {"phi", found},
                             {"action", v.blocked ? "blocked" : "allowed"}, {"body_truncated", v.body_truncated},
                             {"documents_read", v.documents}, {"images", v.images}, {"parts_not_read", v.unreadable}}
                  .dump();
  return a;
}

}  // namespace ward::dlp

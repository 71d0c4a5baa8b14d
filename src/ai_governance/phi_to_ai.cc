// PHI sent to AI services, from the DLP's alerts (phi_to_ai.h).
#include "ai_governance/phi_to_ai.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "ai_governance/ai_usage_rows.h"
#include "dlp/phi_alert.h"

namespace ward::ai_governance {

bool add_phi_alert(PhiToAiRows& rows, const store::AlertRecord& alert, const dlp::DestinationCatalogue& catalogue) {
  if (alert.rule_id != dlp::kPhiToAiServiceRule) return false;
  const nlohmann::json m = nlohmann::json::parse(alert.matched, nullptr, false);
  if (!m.is_object() || !m.contains("destination") || !m["destination"].is_string()) return false;
  const std::string host = m["destination"].get<std::string>();
  const dlp::ServiceMatch* service = catalogue.match(host);
  if (!service) return false;
  const bool is_user = !alert.user_id.empty();
  PhiToAiRow& row = rows[{service->service, is_user ? alert.user_id : alert.host}];
  if (row.requests == 0) {
    row.is_user = is_user;
    row.first = row.last = alert.event_time;
  }
  ++row.requests;
  if (m.value("action", "") == "blocked") ++row.blocked;
  if (m.contains("phi") && m["phi"].is_object())
    for (const auto& [type, n] : m["phi"].items())
      if (n.is_number_unsigned()) row.phi[type] += n.get<std::uint64_t>();
  row.first = std::min(row.first, alert.event_time);
  row.last = std::max(row.last, alert.event_time);
  if (row.hosts.size() < kMaxHostsPerRow) row.hosts.insert(host);
  return true;
}

Result<PhiToAiRows> phi_sent_to_ai(store::Store& store, const dlp::DestinationCatalogue& catalogue, TimeNs from, TimeNs to) {
  store::AlertQuery q;
  q.rule_id = std::string(dlp::kPhiToAiServiceRule);
  q.from = from;
  q.to = to;
  q.limit = 1000;
  PhiToAiRows rows;
  while (true) {
    auto page = store.alerts(q);
    if (!page) return Unexpected(page.error());
    for (const store::AlertRecord& a : *page) add_phi_alert(rows, a, catalogue);
    if (page->size() < static_cast<std::size_t>(q.limit)) return rows;
    q.before_time = page->back().event_time;
    q.before_id = page->back().id;
  }
}

}  // namespace ward::ai_governance

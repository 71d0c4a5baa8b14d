// PHI sent to AI services (docs/ai_governance.md, "PHI sent to AI services"): the DLP's ICAP
// findings — the alerts `ward serve --icap` keeps, one per request that carried PHI
// (dlp/phi_alert.h) — whose destination host is in the AI service catalogue, counted per service
// and who (the proxy user, else the client address). Joined from the alerts when asked, so
// nothing is stored twice; the catalogue is the one usage counting uses (dlp::DestinationCatalogue).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "dlp/destination_catalogue.h"
#include "store/store.h"

namespace ward::ai_governance {

struct PhiToAiKey {
  std::string service, who;
  auto operator<=>(const PhiToAiKey&) const = default;
};

struct PhiToAiRow {
  bool is_user = false;
  std::uint64_t requests = 0, blocked = 0;   // requests with PHI; of which the DLP blocked
  std::map<std::string, std::uint64_t> phi;  // findings by PHI type ("ssn": 2)
  TimeNs first = 0, last = 0;
  std::set<std::string> hosts;               // destination hosts, up to kMaxHostsPerRow
};

using PhiToAiRows = std::map<PhiToAiKey, PhiToAiRow>;

// Adds one alert; false, adding nothing, when it is not the DLP's PHI alert, its `matched` is
// not the DLP's JSON, or its destination is not in `catalogue`.
bool add_phi_alert(PhiToAiRows& rows, const store::AlertRecord& alert, const dlp::DestinationCatalogue& catalogue);

// The DLP's alerts with event time in [from, to) (0: open), every page, added up.
Result<PhiToAiRows> phi_sent_to_ai(store::Store& store, const dlp::DestinationCatalogue& catalogue, TimeNs from, TimeNs to);

}  // namespace ward::ai_governance

// vendor_views.h: JSON of vendors with their risk, reminders and concentration.
#include "third_parties/vendor_views.h"

#include "incidents/calendar_day.h"
#include "third_parties/vendor_json.h"

namespace ward::third_parties {

using nlohmann::json;

json vendor_with_risk_json(const Vendor& v, incidents::Day today, const QuestionnaireResult* questionnaire) {
  json out = vendor_to_json(v);
  for (json& c : out["certifications"])  // read by vendor_from_json, so the day parses
    if (auto d = incidents::parse_day(c["expires"].get<std::string>(), "expires"); d)
      c["days_left"] = incidents::days_between(today, *d);
  const RiskScore r = vendor_risk(v, today, questionnaire);
  out["risk"] = {{"score", r.score}, {"level", r.level}, {"reasons", r.reasons}};
  return out;
}

json reminders_json(const std::vector<Reminder>& reminders, int within_days) {
  json rows = json::array();
  for (const Reminder& r : reminders)
    rows.push_back({{"vendor", r.vendor}, {"what", r.what}, {"expires", r.expires}, {"days_left", r.days_left},
                    {"expired", r.days_left < 0}});
  return {{"within_days", within_days}, {"reminders", std::move(rows)}};
}

json concentration_json(const std::vector<Concentration>& rows) {
  json out = json::array();
  for (const Concentration& c : rows)
    out.push_back({{"service", c.service}, {"vendor", c.vendor}, {"criticality", c.criticality}, {"systems", c.systems}});
  return {{"single_vendor_services", std::move(out)}};
}

}  // namespace ward::third_parties

// ocr_export.h: the portal's fields, one row per breach.
#include "incidents/ocr_export.h"

#include <fmt/format.h>

#include "core/csv_field.h"
#include "incidents/breach_deadlines.h"

namespace ward::incidents {

Result<std::vector<OcrReport>> breach_reports(IncidentStore& store, const StateLaws& laws, std::int64_t only) {
  std::vector<Incident> incidents;
  if (only != 0) {
    auto i = store.find(only);
    if (!i) return Unexpected(i.error());
    if (!*i) return fail(ErrorCode::not_found, fmt::format("there is no incident {}", only), "incident");
    incidents.push_back(**i);
  } else {
    auto all = store.list("");
    if (!all) return Unexpected(all.error());
    incidents = std::move(*all);
  }
  std::vector<OcrReport> reports;
  for (const Incident& i : incidents) {
    auto a = store.assessment(i.id);
    if (!a) return Unexpected(a.error());
    if (!*a || !(*a)->result.notify) continue;
    auto clock = incident_clock(store, i.id, laws);
    if (!clock) return Unexpected(clock.error());
    reports.push_back({i, **a, std::move(*clock)});
  }
  if (only != 0 && reports.empty())
    return fail(ErrorCode::invalid_input, fmt::format("incident {} is not assessed as a breach: nothing to report", only),
                "incident");
  return reports;
}

nlohmann::ordered_json ocr_report_json(const OcrReport& r, const ReportingEntity& entity) {
  const BreachAssessmentRecord& rec = r.assessment.record;
  std::string individual_notice, media_notice = "No";
  for (const Deadline& d : r.clock.deadlines) {
    if (d.duty == "individuals") individual_notice = format_day(d.due);
    if (d.duty.starts_with("media:")) media_notice = "Yes";
  }
  return nlohmann::ordered_json{
      {"incident_id", r.incident.id},
      {"breach_affecting", rec.facts.individuals >= 500 ? "500 or More Individuals" : "Fewer Than 500 Individuals"},
      {"report_type", "Initial Breach Report"},
      {"covered_entity_name", entity.name},
      {"covered_entity_type", entity.type},
      {"business_associate_involved", rec.facts.role == EntityRole::business_associate || rec.ocr.business_associate_involved ? "Yes" : "No"},
      {"breach_start_date", rec.ocr.breach_start},
      {"breach_end_date", rec.ocr.breach_end},
      {"discovery_date", format_day(rec.facts.discovered)},
      {"approximate_individuals_affected", rec.facts.individuals},
      {"type_of_breach", rec.ocr.breach_type},
      {"location_of_breached_information", rec.ocr.location},
      {"type_of_phi_involved", rec.ocr.phi_types},
      {"brief_description", r.incident.description.empty() ? r.incident.title : r.incident.description},
      {"safeguards_in_place_prior_to_breach", rec.ocr.safeguards},
      {"individual_notice_due", individual_notice},
      {"media_notice_required", media_notice},
      {"actions_taken_in_response", rec.ocr.actions},
  };
}

std::string ocr_reports_csv(const std::vector<OcrReport>& reports, const ReportingEntity& entity) {
  std::string out;
  bool header = false;
  for (const OcrReport& r : reports) {
    const nlohmann::ordered_json j = ocr_report_json(r, entity);
    if (!header) {
      std::string line;
      for (const auto& [key, value] : j.items()) line += (line.empty() ? "" : ",") + key;
      out += line + "\n";
      header = true;
    }
    std::string line;
    bool first = true;
    for (const auto& [key, value] : j.items()) {
      std::string text;
      if (value.is_string()) text = value.get<std::string>();
      else if (value.is_array())
        for (const auto& v : value) text += (text.empty() ? "" : "; ") + v.get<std::string>();
      else text = value.dump();
      // Text a reporter wrote may start like a spreadsheet formula: keep it text.
      if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) text.insert(0, "'");
      if (!first) line += ',';
      append_csv_field(line, text);
      first = false;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace ward::incidents

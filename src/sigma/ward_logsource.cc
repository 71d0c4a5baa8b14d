#include "sigma/ward_logsource.h"

#include "sigma/string_predicate.h"
#include "sigma/ward_event_view.h"

namespace ward::sigma {
namespace {

std::string_view field_of(ingest::FieldView& fields, const EventBatch& batch, const Event& e,
                          std::string_view name) {
  for (const Field& f : source_fields(fields, batch, e))
    if (f.name == name) return f.value;
  return {};
}

// Program names as syslog tags carry them → the service Sigma's Linux rules name.
std::string program_service(std::string_view app) {
  std::string s = fold_ascii(app);
  if (s == "crond" || s == "anacron") return "cron";
  if (s == "clamd" || s == "freshclam" || s == "clamscan") return "clamav";
  if (s == "audispd" || s == "audit") return "auditd";
  return s;
}

}  // namespace

bool is_event_format(std::string_view f) {
  return f == "zeek" || f == "squid" || f == "dns-log" || f == "syslog" || f == "fhir" || f == "hl7v2" ||
         f == "csv-access" || f == "atna";
}

EventLogSource ward_logsource(std::string_view format, ingest::FieldView& fields, const EventBatch& batch,
                              const Event& e,
                              const FormatLogSources& overrides) {
  EventLogSource out;
  if (format == "zeek") {
    out.product = "zeek";
    out.add_service(field_of(fields, batch, e, "_path"));
  } else if (format == "squid") {
    out.add_category("proxy");
  } else if (format == "dns-log") {
    out.add_category("dns");
  } else if (format == "syslog") {
    out.product = "linux";
    out.add_service("syslog");
    const std::string_view facility = field_of(fields, batch, e, "facility");
    if (facility == "auth" || facility == "authpriv") out.add_service("auth");
    if (facility == "cron") out.add_service("cron");
    if (const std::string_view app = field_of(fields, batch, e, "app_name"); !app.empty() && app != "-")
      out.add_service(program_service(app));
  } else if (format == "fhir" || format == "hl7v2" || format == "csv-access" || format == "atna") {
    out.product = "ward";
    out.add_category("ehr_access");
  }
  if (const auto it = overrides.find(format); it != overrides.end()) out.override_with(event_logsource_from(it->second));
  return out;
}

}  // namespace ward::sigma

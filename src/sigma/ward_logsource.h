// The logsource of events from Ward's own inputs, by input format (the names of `ward import
// --format`): zeek → product zeek, service = the log's path (conn, dns, http, ssl, files…);
// squid → category proxy; dns-log → category dns; syslog → product linux, services syslog,
// the facility's (auth for auth/authpriv, cron) and the program's (sshd, sudo, cron…);
// fhir, hl7v2, csv-access, atna (IHE audit messages) → product ward, category ehr_access. ward.yaml
// `detection: logsources:` overrides these per format.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/event.h"
#include "ingest/field_view.h"
#include "sigma/logsource.h"

namespace ward::sigma {

// Per format name: the keys to set instead of the defaults (config).
using FormatLogSources = std::map<std::string, LogSource, std::less<>>;

// The formats whose events have a logsource here (for checking config keys).
bool is_event_format(std::string_view format);

// `fields` reads the event's own fields (ward_event_view.h: source_fields).
EventLogSource ward_logsource(std::string_view format, ingest::FieldView& fields, const EventBatch& batch,
                              const Event& event, const FormatLogSources& overrides = {});

}  // namespace ward::sigma

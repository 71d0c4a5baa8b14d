// One syslog message read into its parts: RFC 5424 (<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID
// MSGID [SD-ID param="value"…] BOM MSG) and RFC 3164 (<PRI>Mmm dd hh:mm:ss HOSTNAME
// TAG[PID]: MSG, the <PRI> optional as syslog daemons write files). Used by syslog_parser.h for
// syslog files and by the DNS log parser for lines that arrive with a syslog prefix.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace ward::ingest {

struct SyslogParam {
  std::string_view sd_id;  // "exampleSDID@32473"
  std::string_view name;   // "iut"
  std::string_view value;  // unescaped (\" \\ \])
};

struct SyslogMessage {
  int pri = -1;             // -1 when the line has none
  int version = 0;          // 1 for RFC 5424, 0 for RFC 3164
  bool has_time = false;    // false for a NILVALUE timestamp
  TimeNs time = 0;
  std::string_view timestamp;  // as written
  std::string_view hostname, app_name, procid, msgid;  // "" for NILVALUE or absent
  std::vector<SyslogParam> params;
  std::string_view message;  // MSG, without a leading BOM
};

struct SyslogTimeOptions {
  TimeNs reference = 0;                    // for the year of RFC 3164 times (see log_time.h)
  const date::time_zone* zone = nullptr;   // for RFC 3164 times; null = UTC
};

// Parses `line` into `out`; views point into `line` or into `scratch` (unescaped SD values),
// which must outlive them. Fails naming the part ("pri", "version", "timestamp",
// "structured_data", "hostname") when the line is not a syslog message.
Result<void> parse_syslog_message(std::string_view line, const SyslogTimeOptions& options,
                                  SyslogMessage& out, std::string& scratch);

// "kern", "user", … "local7" for facility 0–23; "emerg" … "debug" for severity 0–7.
std::string_view facility_name(int facility);
std::string_view severity_name(int severity);

}  // namespace ward::ingest

// EHR vendor access-log CSV -> Event (kind ehr_access): one row per access, columns named in a
// header row and mapped to event fields by CsvAccessMapping (config section ingest.csv_access).
// Entry points: csv_access_mapping_from_yaml() at start-up, parse_csv_access() per file.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace YAML { class Node; }

namespace ward::ingest {

struct CsvAccessMapping {   // which header column holds which event field; "" = absent
  std::string time = "timestamp", user_id = "user_id", user_name = "user_name", role = "role",
      department = "department", patient_id = "patient_id", patient_mrn = "patient_mrn",
      action = "action", object = "object", workstation = "workstation", ip = "ip",
      purpose = "purpose", event_id = "event_id";
  std::string time_format = "iso8601";   // see parse_time_with_format in core/time.h
  std::string time_zone;                 // IANA zone for times without offset; "" = ingest.time_zone
  char delimiter = ',';
  // Vendor action text -> Ward action name (read, search, create, update, delete, export, print,
  // login, logout, disclose, query); matched case-insensitively, after the built-in synonyms.
  std::map<std::string, std::string> actions;
};

// Reads the `csv_access` YAML section: columns: {time: ..., user_id: ...}, time_format,
// time_zone, delimiter (one of , ; | or tab), actions: {...}. An absent or null section gives
// the defaults. Unknown keys, wrong types, an unknown zone or layout, an unknown Ward action or
// one that contradicts a built-in synonym are config errors naming "ingest.csv_access.<key>".
Result<CsvAccessMapping> csv_access_mapping_from_yaml(const YAML::Node& section);

// Parses a whole access-log file into ctx.out().events, counting "access-log row". A header
// without the time, user_id or a patient column is one rejection and nothing is imported; a bad
// row (column count, time, empty user, unclosed quote, over max_record_bytes) is rejected and
// the rest goes on. Returns an error only when the mapping is unusable (unknown zone or layout,
// bad action entry) or the sink fails.
Result<void> parse_csv_access(std::string_view data, const CsvAccessMapping& mapping,
                              ParseContext& ctx);

// True when the first line of `head` is a header with the mapping's time, user_id and patient_id
// or patient_mrn columns.
bool looks_like_access_csv(std::string_view head, const CsvAccessMapping& mapping);

}  // namespace ward::ingest

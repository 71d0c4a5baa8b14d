// Field mappings: a rule written for a logsource names fields as Sigma's taxonomy does
// (`c-uri`, `cs-host` for proxies); Ward's parsers name them as the source does (`url`) or by
// ECS (`url.domain`). A mapping, keyed by logsource, renames a rule's fields when the rule is
// compiled (compile_rule), so matching pays nothing per event. Defaults are in code
// (default_field_mappings, table in docs/detection.md); ward.yaml `detection: field_mappings:`
// adds or overrides entries.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sigma/rule.h"

namespace ward::sigma {

struct FieldMapping {
  LogSource logsource;  // applies to rules whose logsource sets (at least) these keys
  std::vector<std::pair<std::string, std::string>> fields;  // Sigma name → event field name
};

// Entries are tried in order and the first that names a field wins: put overrides first.
struct FieldMappings {
  std::vector<FieldMapping> entries;
};

// Proxy rules onto squid (and ECS url.*), DNS rules onto the BIND/dnsmasq parser.
// Zeek and Linux rules already use the names Ward's Zeek and syslog parsers keep.
FieldMappings default_field_mappings();

// `overrides` first, then the defaults.
FieldMappings with_defaults(FieldMappings overrides);

// Renames, in place, the fields of every selection (and `fieldref` values) of `rule`.
void apply_field_mappings(const FieldMappings& mappings, Rule& rule);

}  // namespace ward::sigma

// The rule store as the store keeps it (migration 0010): Sigma documents uploaded through the
// API or imported from the CLI, checked by src/rules before they get here. Plain rows; src/rules
// owns their meaning (what a valid document is, how ids are made).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"

namespace ward::store {

struct DetectionRuleRecord {
  std::string id;      // the Sigma id, or a generated "ward-…" id when the document has none
  std::string title;
  std::string level;   // "" when the document has none
  std::string status;  // Sigma's stable, test, experimental…; "" when none
  std::string product, category, service;  // its logsource; "" when none
  std::string kind = "rule";  // rule, correlation, filter
  std::string yaml;    // the document exactly as uploaded
  bool enabled = true;
  std::string origin;  // api, cli
  TimeNs added = 0, updated = 0;
  std::string added_by, updated_by;  // "token:3 (alice's laptop)", "cli:alice"
};

// What an upsert did to each rule: a new id is added; an id already stored with other YAML is
// updated (its enabled flag, added time and adder stay); the same YAML again is unchanged.
enum class RuleUpsert : std::uint8_t { added, updated, unchanged };

// In id order. Empty strings and nullopt leave a filter out.
struct DetectionRuleQuery {
  std::optional<bool> enabled;
  std::string level, product, category, service;
  std::string title_contains;  // case-insensitive, in the title
  std::string after_id;        // paging: the rules after this id ("" = from the first)
  int limit = 100;
};

// A rule as the live engine needs it.
struct EnabledRuleText {
  std::string id, kind, yaml;
};

}  // namespace ward::store

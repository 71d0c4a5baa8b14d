// Sigma correlation rules as written (a YAML document with `correlation:`), and the reading of a
// rule file with all its YAML documents: detection rules and correlations side by side.
// Start here; correlation_set.h links correlations to the rules they name, correlation_engine.h
// runs them. Spec: ../shared/data/sigma/spec/specification/sigma-correlation-rules-specification.md
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "sigma/rule.h"

namespace ward::sigma {

enum class CorrelationType : std::uint8_t { event_count, value_count, temporal, temporal_ordered };

std::string_view to_string(CorrelationType type);

// `condition:` — one or more bounds joined by AND (`gt: 100` and `lte: 200` is a range).
struct CountCondition {
  std::optional<std::uint64_t> gt, gte, lt, lte, eq, neq;

  bool holds(std::uint64_t count) const;
  // Only lower bounds (gt, gte): once true it stays true as events are added, so the
  // correlation can fire at the event that makes it true instead of waiting for the window's end.
  bool grows_true() const { return !lt && !lte && !eq && !neq; }
  std::string describe() const;  // "gte 10", "gt 100 and lte 200"
};

struct CorrelationRule {
  std::filesystem::path file;
  int document = 0;  // 1-based YAML document within the file
  std::string title, id, name, status, level, description;
  std::vector<std::string> tags, falsepositives;
  CorrelationType type = CorrelationType::event_count;
  std::vector<std::string> rules;     // ids or names of detection or correlation rules, as written
  std::vector<std::string> group_by;  // field names or aliases
  // alias → (rule name or id → field name in that rule's events)
  std::map<std::string, std::map<std::string, std::string>> aliases;
  TimeNs timespan = 0;
  std::string timespan_text;  // as written ("10m")
  CountCondition condition;   // temporal types without one: every listed rule
  bool has_condition = false;
  std::string field;  // value_count: the field whose distinct values are counted
  bool generate = false;
};

// "30s", "5m", "1h", "7d" → nanoseconds; an error says what was expected.
Result<TimeNs> parse_timespan(std::string_view text);

// Every YAML document of a rule file, in file order.
struct RuleDocuments {
  std::vector<Rule> rules;
  std::vector<CorrelationRule> correlations;
};

// Reads all documents: those with `detection:` as rules (rule.h), those with `correlation:` as
// correlations. Errors name the file, the YAML line, the field and the document number
// ("document 2"); a document with neither section, or a correlation type Ward does not run
// (value_sum, value_avg, value_percentile), is an error for the whole file.
Result<RuleDocuments> parse_rule_documents(std::string_view text, const std::filesystem::path& source);

}  // namespace ward::sigma

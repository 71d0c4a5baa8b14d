// A Sigma rule as written: metadata, the search identifiers of its detection (fields with their
// modifiers and values, still uncompiled) and its parsed condition. parse_rule_yaml reads one
// rule's YAML; compiler.h turns a Rule into a matcher.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sigma/condition.h"

namespace YAML { class Node; }

namespace ward::sigma {

struct LogSource {
  std::string product, category, service;
};

struct RuleValue {
  std::string text;  // a scalar as written (numbers too: `EventID: 4688` is "4688")
  bool is_null = false;
};

// One `Field|mod1|mod2: values` entry. An empty field is a keyword search over all values.
struct FieldSpec {
  std::string field;
  std::vector<std::string> modifiers;  // in the order written
  std::vector<RuleValue> values;       // one or more
};

// A named selection: alternatives joined by OR, each an AND of field specs (a map is one
// alternative, a list of maps one per map, a keyword list one keyword spec).
struct SearchIdentifier {
  std::string name;
  std::vector<std::vector<FieldSpec>> any_of;
};

struct Rule {
  std::filesystem::path file;
  std::string title, id, status, level, description;
  std::string name;  // `name:`, how correlation rules may refer to this rule
  std::vector<std::string> tags, fields, falsepositives;
  LogSource logsource;
  std::vector<SearchIdentifier> selections;
  std::vector<std::string> condition_texts;  // a list of conditions is joined by OR
  ConditionNode condition;
};

// Parses one rule; errors name the file and what is wrong (YAML syntax with its line, a
// missing detection or condition, a condition that does not parse). A file with several YAML
// documents yields its first document that has a detection.
Result<Rule> parse_rule_yaml(std::string_view text, const std::filesystem::path& source);
// One parsed YAML document that has a detection (correlation_rule.h reads all documents).
Result<Rule> parse_rule_document(const YAML::Node& document, const std::filesystem::path& source);

}  // namespace ward::sigma

// Sigma filters (meta-filters, spec: ../shared/data/sigma/spec/specification/
// sigma-filters-specification.md): a YAML document with a title, a logsource and
// `filter: {rules: [...], <selections>, condition}`. An event the filter's condition matches
// does not alert for the rules it names (by id, title or file name without .yml). Loaded with
// the rules (rule_set.h); applied by the router (rule_router.h).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sigma/compiled_rule.h"

namespace ward::sigma {

struct FilterRule {
  std::vector<std::string> rules;  // as written: ids, titles or file names
  CompiledRule detection;          // the filter's title, id, logsource, selections and condition
};

// Whether a rule file's text is a filter (a top-level `filter:` key) rather than a rule.
bool is_filter_text(std::string_view text);

struct ParsedFilter {
  std::vector<std::string> rules;
  Rule rule;  // the filter's selections and condition as a rule's detection
};

// Parses one filter; errors name the file and the key (`filter.rules: missing`).
Result<ParsedFilter> parse_filter_yaml(std::string_view text, const std::filesystem::path& source);
// Compiles it as compile_rule does (field mappings of its logsource included).
Result<FilterRule> compile_filter(ParsedFilter filter, const CompileOptions& options = {});

// Whether `reference` (from a filter's rules list) names `rule`.
bool filter_names_rule(std::string_view reference, const Rule& rule);

}  // namespace ward::sigma

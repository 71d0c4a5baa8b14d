// A rule compiled once into data a matcher walks: per selection, alternatives (OR) of field
// conditions (AND), each a field name plus its value tests. String tests stay separate from the
// others so a later step can put every string test on one field into one Hyperscan database.
// Build with compile_rule (compiler.cc); CompiledRule::matches is in matcher.cc.
// A CompiledRule is immutable after compile_rule and may be shared by threads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "sigma/event_view.h"
#include "sigma/field_mapping.h"
#include "sigma/rule.h"
#include "sigma/value_tests.h"

namespace ward::sigma {

struct CompileOptions {
  // Values for `expand` placeholders by name without the percent signs ("Administrators").
  // A rule naming a placeholder that has no values here is not compiled.
  std::map<std::string, std::vector<std::string>, std::less<>> placeholders;
  // Sigma field names → event field names for rules of a logsource (field_mapping.h).
  FieldMappings field_mappings = default_field_mappings();
};

enum class FieldCheck : std::uint8_t {
  values,  // the value tests below
  exists,  // `|exists: true`
  absent,  // `|exists: false`
  null,    // `Field: null`: absent, or present with a JSON null
};

struct FieldCondition {
  std::string field;  // empty: keyword search over every value of the event
  std::uint32_t field_hash = 0;  // hash_field_name(field), for EventView::values_of
  FieldCheck check = FieldCheck::values;
  bool all = false;     // `|all`: every value of the rule (group) must match, not one of them
  bool negate = false;  // `|neq`
  // A value of the rule may expand into several tests (base64offset, windash): tests of one
  // value share a group number; `all` asks each group for one match.
  std::vector<StringPredicate> strings;
  std::vector<std::uint32_t> string_groups;
  std::vector<NumberTest> numbers;
  std::vector<CidrTest> cidrs;
  std::vector<DatePartTest> dates;
  std::vector<FieldRefTest> refs;
};

struct CompiledSelection {
  std::string name;
  std::vector<std::vector<FieldCondition>> any_of;
};

struct MatchedField {
  std::string field;  // "keywords" for a keyword selection
  std::string value;
};

class CompiledRule {
 public:
  CompiledRule(Rule rule, std::vector<CompiledSelection> selections);

  const Rule& rule() const { return rule_; }
  const std::vector<CompiledSelection>& selections() const { return selections_; }

  bool matches(const EventView& event) const;
  // For an event that matches: the fields (and their values) that made selections outside
  // any `not` hold.
  std::vector<MatchedField> matched_fields(const EventView& event) const;

 private:
  Rule rule_;
  std::vector<CompiledSelection> selections_;
  std::vector<bool> positive_;  // per selection: appears outside a `not`
};

// Fails with the reason the rule cannot run: an unknown or misplaced modifier, a regex RE2
// does not take, a bad number or CIDR, an unconfigured placeholder.
Result<CompiledRule> compile_rule(Rule rule, const CompileOptions& options = {});

// Evaluation of one condition (matcher.cc), exposed for tests and the JSON output.
bool condition_holds(const FieldCondition& condition, const EventView& event);

}  // namespace ward::sigma

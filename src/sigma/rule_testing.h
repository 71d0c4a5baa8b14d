// Test helpers for src/sigma: a rule from YAML text and an event from JSON text.
#pragma once

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "sigma/compiled_rule.h"
#include "sigma/json_events.h"

namespace ward::sigma::testing {

// "title: test\n" + `body` (which holds at least `detection:`), parsed and compiled.
inline Result<CompiledRule> compile_yaml(std::string_view body, const CompileOptions& options = {}) {
  auto rule = parse_rule_yaml("title: test\n" + std::string(body), "test.yml");
  if (!rule) return Unexpected(rule.error());
  return compile_rule(std::move(*rule), options);
}

// Whether the rule fires on the (first) JSON object in `json`.
inline bool fires(const Result<CompiledRule>& rule, std::string_view json) {
  EXPECT_TRUE(rule.has_value()) << (rule ? "" : rule.error().describe());
  if (!rule) return false;
  bool matched = false, seen = false;
  read_json_text(json, "event.json",
                 [&](std::uint64_t, const FlatEvent& e) {
                   if (!seen) matched = rule->matches(e);
                   seen = true;
                 },
                 [](const Error& e) { ADD_FAILURE() << e.describe(); });
  EXPECT_TRUE(seen) << "no event in " << json;
  return matched;
}

}  // namespace ward::sigma::testing

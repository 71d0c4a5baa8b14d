// Correlation rules linked to what they correlate: each entry of `rules:` resolved by id or name
// to a compiled detection rule or to another correlation, group-by fields resolved through
// `aliases` per input, correlations ordered inner before outer, and which rules stand alone
// (`generate`). Built once after loading (rule_set.cc); read-only afterwards.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "sigma/compiled_rule.h"
#include "sigma/correlation_rule.h"

namespace ward::sigma {

struct CorrelationInput {
  std::string reference;  // as written in `rules:`
  bool is_correlation = false;
  std::size_t index = 0;  // into the rules given to link_correlations, or CorrelationSet::correlations
  // Per group-by entry: the field to read in this input's events (an alias resolved).
  std::vector<std::string> group_fields;
};

struct LinkedCorrelation {
  CorrelationRule rule;
  std::vector<CorrelationInput> inputs;  // in the order of `rules:` (temporal_ordered's order)
  // Its alerts are shown: no other correlation uses it, or one that does says `generate: true`.
  bool standalone = true;
};

struct CorrelationFailure {
  std::filesystem::path file;
  std::string reason;  // names the document, the field and the reference
};

struct CorrelationSet {
  std::vector<LinkedCorrelation> correlations;  // a correlation comes after those it uses
  // Per compiled rule: its own matches are shown (false when only correlations use it and none
  // of them says `generate: true`).
  std::vector<bool> rule_shown;
  std::vector<CorrelationFailure> failures;
  std::size_t loaded = 0;  // correlation documents read (linked or failed)
};

// Resolves each reference first among the rules and correlations of the same file, then among
// all (a name that two other files define is ambiguous). A correlation whose reference is
// unknown, ambiguous, cyclic or names a failed correlation is left out, with a failure.
CorrelationSet link_correlations(const std::vector<CompiledRule>& rules, std::vector<CorrelationRule> correlations);

}  // namespace ward::sigma

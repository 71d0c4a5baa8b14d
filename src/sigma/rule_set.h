// Loading a folder of Sigma rules: every .yml/.yaml file below it, parsed and compiled (rules
// and filters), with the reason for each file that did not make it. `ward detect --check` prints this report.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sigma/compiled_rule.h"
#include "sigma/correlation_set.h"
#include "sigma/filter_rule.h"

namespace ward::sigma {

struct RuleFailure {
  std::filesystem::path file;
  bool parsed = false;  // false: the YAML or the rule structure is wrong; true: it did not compile
  std::string reason;
};

struct RuleSet {
  std::size_t files = 0, parsed = 0, compiled = 0;
  std::vector<CompiledRule> rules;  // in file path order
  std::vector<FilterRule> filters;  // Sigma filters found among the files (counted in parsed/compiled)
  std::vector<RuleFailure> failures;
  // Correlation documents, linked to `rules`; a file whose correlation did not link is counted
  // as not compiled, with a failure.
  CorrelationSet correlations;
};

// The .yml and .yaml files below `folder` (or `folder` itself when it is a file), sorted.
Result<std::vector<std::filesystem::path>> find_rule_files(const std::filesystem::path& folder);

// Loads every rule file below each folder, every YAML document of each (correlation_rule.h). Fails only when a folder cannot be listed.
Result<RuleSet> load_rule_set(const std::vector<std::filesystem::path>& folders, const CompileOptions& options = {});

// Rule text already read (the rule store's documents), under the name reports give it.
struct RuleText {
  std::filesystem::path name;  // a file path, or "rule store/<id>"
  std::string text;
};
// The rules of `files` (each loaded as load_rule_set loads a file) and then of `texts` (each as
// one more file), in one set: correlations link across all of them.
Result<RuleSet> load_rule_set(const std::vector<std::filesystem::path>& folders, const std::vector<RuleText>& texts,
                              const CompileOptions& options = {});

}  // namespace ward::sigma

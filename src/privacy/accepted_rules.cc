// Reading the accepted proposals' rules back from the store (see accepted_rules.h).
#include "privacy/accepted_rules.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "core/config_yaml.h"

namespace ward::privacy {

Result<std::vector<ExplanationRule>> with_accepted_rules(store::Store& store,
                                                         const std::vector<ExplanationRule>& configured) {
  auto accepted = store.explanation_proposals({.status = "accepted",
                                               .limit = std::numeric_limits<int>::max()});
  if (!accepted) return Unexpected(accepted.error());
  std::vector<ExplanationRule> rules = configured;
  for (const store::ProposalRecord& p : *accepted) {
    const std::string where = fmt::format("accepted proposal {}", p.id);
    auto list = load_yaml_text(p.rule_yaml, where);
    if (!list) return Unexpected(list.error());
    auto parsed = explanation_rules_from_yaml(*list, where);
    if (!parsed) return Unexpected(parsed.error());
    for (ExplanationRule& rule : *parsed) {
      auto same_code = [&](const ExplanationRule& r) { return r.code == rule.code; };
      if (std::any_of(rules.begin(), rules.end(), same_code))
        return fail(ErrorCode::config,
                    fmt::format("{}: rule code \"{}\" is also the code of another rule; reject the "
                                "proposal or rename the other rule", where, rule.code));
      rules.push_back(std::move(rule));
    }
  }
  return rules;
}

}  // namespace ward::privacy

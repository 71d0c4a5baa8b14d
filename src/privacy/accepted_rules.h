// Explanation rules a privacy officer accepted from dismissed cases (src/case_review proposes
// them, the store keeps them as YAML): read back with the same parser as privacy.explanations,
// so each run uses them after the configured rules.
#pragma once

#include <vector>

#include "core/error.h"
#include "privacy/explain.h"
#include "store/store.h"

namespace ward::privacy {

// `configured` followed by every accepted proposal's rule, oldest first. An accepted rule that
// no longer parses, or whose code a configured rule also uses, is an ErrorCode::config error
// naming the proposal (the officer rejects it or renames the configured rule).
Result<std::vector<ExplanationRule>> with_accepted_rules(store::Store& store,
                                                         const std::vector<ExplanationRule>& configured);

}  // namespace ward::privacy

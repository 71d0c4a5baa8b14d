// Sigma condition expressions: `selection and not 1 of filter_*`, parentheses, `all of them`.
// parse_condition turns the text into a tree over selection indices; precedence from loosest
// to tightest: or, and, not, `x of`, parentheses. Evaluation is in matcher.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::sigma {

struct ConditionNode {
  enum class Kind : std::uint8_t { selection, any_of, all_of, at_least, and_, or_, not_ };
  Kind kind = Kind::selection;
  int selection = -1;              // Kind::selection
  std::size_t count = 1;           // Kind::at_least: `N of`
  std::vector<int> selections;     // any_of / all_of / at_least: the selections named
  std::vector<ConditionNode> children;  // and_ / or_ (two or more), not_ (one)
};

// `names` are the rule's search identifiers in order; node selection indices point into it.
// Errors name the offending token: an unknown identifier, a pattern that names nothing, an
// unbalanced parenthesis, or an aggregation (`| count()`), which Sigma 2 moved to correlations.
Result<ConditionNode> parse_condition(std::string_view text, const std::vector<std::string>& names);

// Shell-style `*` matching used by `1 of sel*` (case-sensitive, like identifiers).
bool identifier_matches(std::string_view pattern, std::string_view name);

}  // namespace ward::sigma

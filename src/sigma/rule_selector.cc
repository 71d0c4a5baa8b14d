// RuleSelector (rule_selector.h): the prefilter's candidates, or every rule when it is off or
// Hyperscan cannot be used.
#include "sigma/rule_selector.h"

namespace ward::sigma {

RuleSelector::RuleSelector(const std::vector<CompiledRule>& rules, bool use_prefilter, const Prefilter* prebuilt)
    : rules_(rules) {
  if (!use_prefilter) return;
  if (prebuilt == nullptr || prebuilt->rules() != rules.size()) {
    auto filter = Prefilter::build(rules);
    if (!filter) { build_error_ = filter.error(); return; }
    prebuilt = &built_.emplace(std::move(*filter));
  }
  auto scratch = PrefilterScratch::make(*prebuilt);
  if (!scratch) { build_error_ = scratch.error(); return; }
  filter_ = prebuilt;
  scratch_.emplace(std::move(*scratch));
}

void RuleSelector::pick_all() {
  picked_.resize(rules_.size());
  for (std::uint32_t i = 0; i < picked_.size(); ++i) picked_[i] = i;
}

RuleSelector::Range RuleSelector::rules_for(const EventView& event) {
  if (!scratch_ || !filter_->candidates(event, *scratch_, picked_)) pick_all();
  return {&rules_, &picked_};
}

RuleSelector::Range RuleSelector::rules_for(const EventView& event, PrefilterScope& scope) {
  if (!scratch_ || !filter_->candidates(event, *scratch_, scope, picked_)) pick_all();
  return {&rules_, &picked_};
}

}  // namespace ward::sigma

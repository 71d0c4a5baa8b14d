#include "sigma/event_matcher.h"

namespace ward::sigma {

EventMatcher::EventMatcher(RuleRouter& router, const HuntOptions& options, HuntSummary& summary,
                           const std::function<void(const HuntMatch&)>& on_match)
    : router_(router), options_(options), summary_(summary), on_match_(on_match) {
  if (options.prefilter) selector_.emplace(router.compiled(), true, options.prebuilt);
}

void EventMatcher::match(const EventLogSource& as_derived, const EventView& as_read, const std::string& file,
                         std::uint64_t index) {
  const EventLogSource* derived = &as_derived;
  if (options_.logsource) {
    overridden_ = as_derived;
    overridden_.override_with(event_logsource_from(*options_.logsource));
    derived = &overridden_;
  }
  const EventLogSource& logsource = *derived;
  const auto routed_rules = router_.rules_for(logsource);
  if (routed_rules.empty()) return;
  const EventView* view = &as_read;
  if (aliased_.reset(as_read, options_.event_field_mappings, logsource)) view = &aliased_;
  const EventView& event = *view;
  if (!selector_ || !selector_->prefiltering()) {
    for (const RoutedRule* routed : routed_rules) report_if_fires(*routed, logsource, event, file, index);
    return;
  }
  RoutedList& list = routed_list(routed_rules);
  for (const CompiledRule& rule : selector_->rules_for(event, list.scope))
    if (const RoutedRule* routed = list.by_rule[static_cast<std::size_t>(&rule - router_.compiled().data())])
      report_if_fires(*routed, logsource, event, file, index);
}

void EventMatcher::report_if_fires(const RoutedRule& routed, const EventLogSource& logsource, const EventView& event,
                                   const std::string& file, std::uint64_t index) {
  if (!RuleRouter::fires(routed, logsource, event)) return;
  ++summary_.matches;
  const CompiledRule& rule = *routed.rule;
  on_match_(HuntMatch{&rule, file, index, std::string(event_time(event)), rule.matched_fields(event), &event});
}

EventMatcher::RoutedList& EventMatcher::routed_list(std::span<const RoutedRule* const> routed_rules) {
  auto [it, added] = lists_.try_emplace(routed_rules.data());
  if (added) {
    RoutedList& list = it->second;
    list.by_rule.assign(router_.compiled().size(), nullptr);
    std::vector<std::uint32_t> indices;
    for (const RoutedRule* routed : routed_rules) {
      const auto i = static_cast<std::size_t>(routed->rule - router_.compiled().data());
      list.by_rule[i] = routed;
      indices.push_back(static_cast<std::uint32_t>(i));
    }
    list.scope = selector_->prefilter()->scope(indices);
  }
  return it->second;
}

}  // namespace ward::sigma

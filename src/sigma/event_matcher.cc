#include "sigma/event_matcher.h"

namespace ward::sigma {

EventMatcher::EventMatcher(RuleRouter& router, const HuntOptions& options, HuntSummary& summary,
                           const std::function<void(const HuntMatch&)>& on_match)
    : router_(router), options_(options), summary_(summary), on_match_(on_match) {
  if (options.prefilter) {
    selector_.emplace(router.compiled(), true, options.prebuilt);
    stamps_.assign(router.compiled().size(), 0);
  }
}

void EventMatcher::match(EventLogSource logsource, const EventView& event, const std::string& file,
                         std::uint64_t index) {
  if (options_.logsource) logsource.override_with(event_logsource_from(*options_.logsource));
  const auto routed_rules = router_.rules_for(logsource);
  if (routed_rules.empty()) return;
  const bool prefiltered = selector_ && selector_->prefiltering();
  if (prefiltered) {
    ++stamp_;
    for (const CompiledRule& rule : selector_->rules_for(event))
      stamps_[static_cast<std::size_t>(&rule - router_.compiled().data())] = stamp_;
  }
  for (const RoutedRule* routed : routed_rules) {
    if (prefiltered && stamps_[static_cast<std::size_t>(routed->rule - router_.compiled().data())] != stamp_)
      continue;
    if (!RuleRouter::fires(*routed, logsource, event)) continue;
    ++summary_.matches;
    const CompiledRule& rule = *routed->rule;
    on_match_(HuntMatch{&rule, file, index, std::string(event_time(event)), rule.matched_fields(event), &event});
  }
}

}  // namespace ward::sigma

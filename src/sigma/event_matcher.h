// One event against a rule set: routed to the rules of its logsource (rule_router.h), seen
// under the field names of options.event_field_mappings when one applies to its logsource
// (event_field_aliases.h) and, with the prefilter (prefilter.h), evaluated only against the
// routed rules whose required literals it holds. Offline hunts (hunt.cc) and live detection (src/live_detection) both match through
// it. Not thread-safe: one per thread; the router must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sigma/hunt.h"
#include "sigma/rule_router.h"
#include "sigma/rule_selector.h"

namespace ward::sigma {

// With the prefilter, a routed rule is evaluated only when the prefilter also picked it: the
// picked rules (a few dozen, in rule order) are looked up in a table of the routed ones (often
// a thousand) rather than the routed list walked.
class EventMatcher {
 public:
  // Uses options.prefilter, options.prebuilt and options.logsource (which replaces the derived
  // logsource's keys); counts matches in summary.matches. All four must outlive the matcher.
  EventMatcher(RuleRouter& router, const HuntOptions& options, HuntSummary& summary,
               const std::function<void(const HuntMatch&)>& on_match);

  // Calls on_match for each rule that fires on `event`, in rule order; `file` and `index` are
  // passed on in the HuntMatch.
  void match(const EventLogSource& logsource, const EventView& event, const std::string& file, std::uint64_t index);

 private:
  RuleRouter& router_;
  const HuntOptions& options_;
  HuntSummary& summary_;
  const std::function<void(const HuntMatch&)>& on_match_;
  void report_if_fires(const RoutedRule& routed, const EventLogSource& logsource, const EventView& event,
                       const std::string& file, std::uint64_t index);
  // A routed list as the prefilter sees it: per rule index, its entry in the list, or null when
  // the list does not hold it; and the prefilter's scope narrowed to the list. Made once per
  // list (one per logsource seen; the router keeps each list in place).
  struct RoutedList {
    std::vector<const RoutedRule*> by_rule;
    PrefilterScope scope;
  };
  RoutedList& routed_list(std::span<const RoutedRule* const> routed_rules);

  std::optional<RuleSelector> selector_;
  AliasedEvent aliased_;  // the event under options_.event_field_mappings, when one applies
  std::unordered_map<const RoutedRule* const*, RoutedList> lists_;
  EventLogSource overridden_;  // the event's logsource with options_.logsource's keys
};

}  // namespace ward::sigma

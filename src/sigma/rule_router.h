// Logsource routing: which rules (with the filters that tune them) an event takes. Rules are
// grouped by their logsource once; for an event the router looks up the list for the event's
// logsource (logsource.h) in a cache, so routing costs one lookup per event, not a test per
// rule. Not thread-safe (the cache): one router per thread (a copy is one for another thread:
// same rules and filters, a cache of its own); the rules it points to must outlive it.
#pragma once

#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sigma/compiled_rule.h"
#include "sigma/filter_rule.h"
#include "sigma/logsource.h"

namespace ward::sigma {

struct RoutedRule {
  const CompiledRule* rule = nullptr;
  std::vector<const CompiledRule*> filters;  // filters naming the rule
};

class RuleRouter {
 public:
  explicit RuleRouter(const std::vector<CompiledRule>& rules, const std::vector<FilterRule>& filters = {});
  // The same routing for another thread; the cache is not copied (it points into `other`).
  RuleRouter(const RuleRouter& other) : compiled_(other.compiled_), rules_(other.rules_), groups_(other.groups_) {}
  RuleRouter& operator=(const RuleRouter&) = delete;

  // The rules whose logsource applies to an event of `logsource`, in rule order. The list is
  // made once per logsource and stays in place as long as the router.
  std::span<const RoutedRule* const> rules_for(const EventLogSource& logsource);

  // The rule matches the event (of that logsource) and none of its filters does.
  static bool fires(const RoutedRule& routed, const EventLogSource& logsource, const EventView& event);

  std::size_t rule_count() const { return rules_.size(); }
  // Every rule with its filters, in rule order.
  const std::vector<RoutedRule>& routed_rules() const { return rules_; }
  // The rules the router was made from (RoutedRule::rule points into it).
  const std::vector<CompiledRule>& compiled() const { return compiled_; }
  std::size_t filtered_rule_count() const;  // rules with at least one filter

 private:
  struct Group {
    LogSource logsource;
    std::vector<std::size_t> rules;  // indexes into rules_
  };
  const std::vector<CompiledRule>& compiled_;
  std::vector<RoutedRule> rules_;
  std::vector<Group> groups_;  // one per distinct rule logsource
  std::unordered_map<std::string, std::vector<const RoutedRule*>> cache_;
  // The lists of the last few logsources seen, found by comparing logsources: an event's
  // logsource is nearly always one of them, and its key() costs allocations.
  static constexpr std::size_t kRecent = 8;
  std::vector<std::pair<EventLogSource, const std::vector<const RoutedRule*>*>> recent_;
  std::size_t next_recent_ = 0;  // the entry replaced next
};

// Per filter: the number of rules it names that were found (for `ward detect --check`).
std::vector<std::size_t> filter_targets(const std::vector<CompiledRule>& rules, const std::vector<FilterRule>& filters);

}  // namespace ward::sigma

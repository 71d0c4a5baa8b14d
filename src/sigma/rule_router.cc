#include "sigma/rule_router.h"

#include <algorithm>

#include "sigma/string_predicate.h"

namespace ward::sigma {
namespace {

LogSource folded(const LogSource& ls) { return {fold_ascii(ls.product), fold_ascii(ls.category), fold_ascii(ls.service)}; }

bool same_logsource(const LogSource& a, const LogSource& b) {
  return a.product == b.product && a.category == b.category && a.service == b.service;
}

}  // namespace

RuleRouter::RuleRouter(const std::vector<CompiledRule>& rules, const std::vector<FilterRule>& filters)
    : compiled_(rules) {
  rules_.reserve(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    RoutedRule routed{&rules[i], {}};
    for (const FilterRule& f : filters)
      if (std::any_of(f.rules.begin(), f.rules.end(), [&](const std::string& r) { return filter_names_rule(r, rules[i].rule()); }))
        routed.filters.push_back(&f.detection);
    rules_.push_back(std::move(routed));
    const LogSource ls = folded(rules[i].rule().logsource);
    auto group = std::find_if(groups_.begin(), groups_.end(), [&](const Group& g) { return same_logsource(g.logsource, ls); });
    if (group == groups_.end()) group = groups_.insert(groups_.end(), Group{ls, {}});
    group->rules.push_back(i);
  }
}

std::span<const RoutedRule* const> RuleRouter::rules_for(const EventLogSource& logsource) {
  for (const auto& [seen, list] : recent_)
    if (seen == logsource) return *list;
  auto [it, inserted] = cache_.try_emplace(logsource.key());
  if (inserted) {
    std::vector<std::size_t> indexes;
    for (const Group& g : groups_)
      if (logsource_applies(g.logsource, logsource)) indexes.insert(indexes.end(), g.rules.begin(), g.rules.end());
    std::sort(indexes.begin(), indexes.end());
    for (std::size_t i : indexes) it->second.push_back(&rules_[i]);
  }
  if (recent_.size() < kRecent) {
    recent_.emplace_back(logsource, &it->second);
  } else {
    recent_[next_recent_] = {logsource, &it->second};
    next_recent_ = (next_recent_ + 1) % kRecent;
  }
  return it->second;
}

bool RuleRouter::fires(const RoutedRule& routed, const EventLogSource& logsource, const EventView& event) {
  if (!routed.rule->matches(event)) return false;
  for (const CompiledRule* filter : routed.filters)
    if (logsource_applies(filter->rule().logsource, logsource) && filter->matches(event)) return false;
  return true;
}

std::size_t RuleRouter::filtered_rule_count() const {
  return static_cast<std::size_t>(std::count_if(rules_.begin(), rules_.end(), [](const RoutedRule& r) { return !r.filters.empty(); }));
}

std::vector<std::size_t> filter_targets(const std::vector<CompiledRule>& rules, const std::vector<FilterRule>& filters) {
  std::vector<std::size_t> out;
  for (const FilterRule& f : filters) {
    std::size_t n = 0;
    for (const CompiledRule& r : rules)
      n += std::any_of(f.rules.begin(), f.rules.end(), [&](const std::string& name) { return filter_names_rule(name, r.rule()); });
    out.push_back(n);
  }
  return out;
}

}  // namespace ward::sigma

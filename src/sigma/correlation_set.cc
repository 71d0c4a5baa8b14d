// Linking correlation rules to the rules they name (correlation_set.h).
#include "sigma/correlation_set.h"

#include <map>
#include <optional>

#include <fmt/format.h>

namespace ward::sigma {
namespace {

struct Target {
  bool is_correlation = false;
  std::size_t index = 0;
  const std::filesystem::path* file = nullptr;
};

class Linker {
 public:
  Linker(const std::vector<CompiledRule>& rules, std::vector<CorrelationRule>& correlations)
      : rules_(rules), correlations_(correlations), state_(correlations.size(), State::unvisited),
        inputs_(correlations.size()) {
    for (std::size_t i = 0; i < rules.size(); ++i) index(rules[i].rule().id, rules[i].rule().name, {false, i, &rules[i].rule().file});
    for (std::size_t i = 0; i < correlations.size(); ++i)
      index(correlations[i].id, correlations[i].name, {true, i, &correlations[i].file});
  }

  CorrelationSet link() {
    CorrelationSet set;
    set.loaded = correlations_.size();
    for (std::size_t i = 0; i < correlations_.size(); ++i) visit(i);
    std::vector<std::size_t> new_index(correlations_.size());
    for (std::size_t old : order_) {
      new_index[old] = set.correlations.size();
      set.correlations.push_back({std::move(correlations_[old]), std::move(inputs_[old]), true});
    }
    for (auto& c : set.correlations)
      for (auto& in : c.inputs)
        if (in.is_correlation) in.index = new_index[in.index];
    set.failures = std::move(failures_);
    mark_shown(set);
    return set;
  }

 private:
  enum class State { unvisited, visiting, linked, failed };

  void index(const std::string& id, const std::string& name, Target target) {
    if (!id.empty()) by_key_[id].push_back(target);
    if (!name.empty() && name != id) by_key_[name].push_back(target);
  }

  // Depth first, so a correlation is appended to order_ after every correlation it uses.
  bool visit(std::size_t i) {
    if (state_[i] == State::linked) return true;
    if (state_[i] == State::failed) return false;
    const CorrelationRule& c = correlations_[i];
    if (state_[i] == State::visiting) return false;  // the caller reports the cycle
    state_[i] = State::visiting;
    for (const std::string& reference : c.rules) {
      auto target = resolve(c, reference);
      if (!target) return failed(i);
      if (target->is_correlation) {
        if (state_[target->index] == State::visiting) {
          failures_.push_back({c.file, reason(c, fmt::format("'{}' leads back to this correlation (a cycle)", reference))});
          return failed(i);
        }
        if (!visit(target->index)) {
          failures_.push_back({c.file, reason(c, fmt::format("'{}' is a correlation that did not load", reference))});
          return failed(i);
        }
      }
      inputs_[i].push_back(input(c, reference, *target));
    }
    state_[i] = State::linked;
    order_.push_back(i);
    return true;
  }

  bool failed(std::size_t i) {
    state_[i] = State::failed;
    inputs_[i].clear();
    return false;
  }

  static std::string reason(const CorrelationRule& c, std::string message) {
    return fmt::format("correlation.rules: {} (document {})", message, c.document);
  }

  std::optional<Target> resolve(const CorrelationRule& c, const std::string& reference) {
    const auto it = by_key_.find(reference);
    if (it == by_key_.end()) {
      failures_.push_back({c.file, reason(c, fmt::format("no loaded rule or correlation has the id or name '{}'", reference))});
      return std::nullopt;
    }
    std::vector<Target> same_file;
    for (const Target& t : it->second)
      if (*t.file == c.file) same_file.push_back(t);
    const std::vector<Target>& candidates = same_file.empty() ? it->second : same_file;
    if (candidates.size() > 1) {
      std::string where;
      for (const Target& t : candidates) where += (where.empty() ? "" : ", ") + t.file->string();
      failures_.push_back({c.file, reason(c, fmt::format("'{}' is ambiguous: {} rules have that id or name ({})",
                                                         reference, candidates.size(), where))});
      return std::nullopt;
    }
    return candidates.front();
  }

  CorrelationInput input(const CorrelationRule& c, const std::string& reference, const Target& t) const {
    CorrelationInput in{.reference = reference, .is_correlation = t.is_correlation, .index = t.index, .group_fields = {}};
    const std::string& id = t.is_correlation ? correlations_[t.index].id : rules_[t.index].rule().id;
    const std::string& name = t.is_correlation ? correlations_[t.index].name : rules_[t.index].rule().name;
    for (const std::string& group : c.group_by) {
      std::string field = group;
      if (const auto alias = c.aliases.find(group); alias != c.aliases.end()) {
        for (const std::string* key : {&reference, &name, &id}) {
          if (const auto f = alias->second.find(*key); !key->empty() && f != alias->second.end()) {
            field = f->second;
            break;
          }
        }
      }
      in.group_fields.push_back(std::move(field));
    }
    return in;
  }

  void mark_shown(CorrelationSet& set) const {
    std::vector<int> rule_uses(rules_.size(), 0), corr_uses(set.correlations.size(), 0);
    std::vector<bool> rule_generated(rules_.size(), false), corr_generated(set.correlations.size(), false);
    for (const auto& c : set.correlations) {
      for (const auto& in : c.inputs) {
        (in.is_correlation ? corr_uses : rule_uses)[in.index]++;
        if (c.rule.generate) (in.is_correlation ? corr_generated : rule_generated)[in.index] = true;
      }
    }
    set.rule_shown.resize(rules_.size());
    for (std::size_t i = 0; i < rules_.size(); ++i) set.rule_shown[i] = rule_uses[i] == 0 || rule_generated[i];
    for (std::size_t i = 0; i < set.correlations.size(); ++i)
      set.correlations[i].standalone = corr_uses[i] == 0 || corr_generated[i];
  }

  const std::vector<CompiledRule>& rules_;
  std::vector<CorrelationRule>& correlations_;
  std::vector<State> state_;
  std::vector<std::vector<CorrelationInput>> inputs_;
  std::vector<std::size_t> order_;
  std::map<std::string, std::vector<Target>, std::less<>> by_key_;
  std::vector<CorrelationFailure> failures_;
};

}  // namespace

CorrelationSet link_correlations(const std::vector<CompiledRule>& rules, std::vector<CorrelationRule> correlations) {
  return Linker(rules, correlations).link();
}

}  // namespace ward::sigma

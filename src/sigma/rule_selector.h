// Which rules to evaluate on an event: all of them, or — with the prefilter — only those whose
// required literal occurs in the event (prefilter.h). The hook between the prefilter and a
// loop that evaluates rules (hunt.cc):
//
//   RuleSelector selector(rules, /*prefilter=*/true);
//   for (const CompiledRule& rule : selector.rules_for(event)) if (rule.matches(event)) …
//
// Rules come in their order in `rules`, which must outlive the selector. When Hyperscan cannot
// be used (the database does not build, a scan fails) every rule is evaluated: slower, same
// results; build_error() says why. One selector per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sigma/prefilter.h"

namespace ward::sigma {

class RuleSelector {
 public:
  class Range {
   public:
    class Iterator {
     public:
      Iterator(const std::vector<CompiledRule>* rules, const std::uint32_t* at) : rules_(rules), at_(at) {}
      const CompiledRule& operator*() const { return (*rules_)[*at_]; }
      Iterator& operator++() { ++at_; return *this; }
      bool operator!=(const Iterator& other) const { return at_ != other.at_; }

     private:
      const std::vector<CompiledRule>* rules_;
      const std::uint32_t* at_;
    };
    Range(const std::vector<CompiledRule>* rules, const std::vector<std::uint32_t>* picked) : rules_(rules), picked_(picked) {}
    Iterator begin() const { return {rules_, picked_->data()}; }
    Iterator end() const { return {rules_, picked_->data() + picked_->size()}; }
    std::size_t size() const { return picked_->size(); }

   private:
    const std::vector<CompiledRule>* rules_;
    const std::vector<std::uint32_t>* picked_;
  };

  // `prebuilt`: a prefilter built from these same rules, to use instead of building one; it
  // must outlive the selector.
  RuleSelector(const std::vector<CompiledRule>& rules, bool use_prefilter, const Prefilter* prebuilt = nullptr);

  RuleSelector(const RuleSelector&) = delete;  // filter_ may point into built_
  RuleSelector& operator=(const RuleSelector&) = delete;

  // Valid until the next call.
  Range rules_for(const EventView& event);
  // Only rules of `scope` (made by prefilter()->scope, used while prefiltering()): the same
  // rules as above that are in the scope. Without the prefilter, every rule.
  Range rules_for(const EventView& event, PrefilterScope& scope);

  bool prefiltering() const { return scratch_.has_value(); }
  const std::optional<Error>& build_error() const { return build_error_; }
  const Prefilter* prefilter() const { return filter_; }

 private:
  void pick_all();

  const std::vector<CompiledRule>& rules_;
  std::optional<Prefilter> built_;
  const Prefilter* filter_ = nullptr;
  std::optional<PrefilterScratch> scratch_;
  std::optional<Error> build_error_;
  std::vector<std::uint32_t> picked_;
};

}  // namespace ward::sigma

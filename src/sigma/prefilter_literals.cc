// Deriving the literals a rule needs (prefilter_literals.h) from its compiled selections and
// condition; conservative wherever a literal would not be certain.
#include "sigma/prefilter_literals.h"

#include <algorithm>
#include <cstring>

namespace ward::sigma {
namespace {

// One set: a literal of it occurs (RequiredLiterals with `sets` empty). nullopt: nothing required.
using Literals = std::optional<RequiredLiterals>;
// Sets that are all needed; empty: nothing required.
using AllOf = std::vector<RequiredLiterals>;

// Smaller is worse: the shortest literal, then fewer literals.
bool better(const RequiredLiterals& a, const RequiredLiterals& b) {
  auto shortest = [](const RequiredLiterals& s) {
    std::size_t n = SIZE_MAX;
    for (const auto& l : s.any) n = std::min(n, l.size());
    return n;
  };
  const std::size_t sa = shortest(a), sb = shortest(b);
  return sa != sb ? sa > sb : a.any.size() < b.any.size();
}

// The best of the sets (nullopt when there are none).
Literals best_of(const AllOf& sets) {
  Literals best;
  for (const RequiredLiterals& set : sets)
    if (!best || better(set, *best)) best = set;
  return best;
}

void add_all(AllOf& to, AllOf sets) {
  for (RequiredLiterals& set : sets) to.push_back(std::move(set));
}

// Union: nullopt as soon as one part needs nothing.
class Union {
 public:
  // One literal of the part's best set.
  void add(const AllOf& part) {
    const Literals best = best_of(part);
    if (!best) { open_ = true; return; }
    for (std::size_t i = 0; i < best->any.size(); ++i) add_pair(best->any[i], best->fields[i]);
  }
  void add_one(const std::string& literal, const std::string& field) {
    if (literal.empty()) { open_ = true; return; }
    add_pair(literal, field);
  }
  Literals result() && {
    if (open_ || all_.any.empty()) return std::nullopt;
    return std::move(all_);
  }
  AllOf as_set() && {
    Literals one = std::move(*this).result();
    return one ? AllOf{std::move(*one)} : AllOf{};
  }

 private:
  void add_pair(const std::string& literal, const std::string& field) {
    for (std::size_t i = 0; i < all_.any.size(); ++i)
      if (all_.any[i] == literal && all_.fields[i] == field) return;
    all_.any.push_back(literal);
    all_.fields.push_back(field);
  }

  bool open_ = false;
  RequiredLiterals all_;
};

// String tests [begin, end) of `c`: one of their literals (nullopt if one has none).
Literals of_strings(const FieldCondition& c, std::size_t begin, std::size_t end) {
  Union u;
  for (std::size_t t = begin; t < end; ++t) {
    const std::vector<std::string> literals = literals_of(c.strings[t]);
    if (literals.empty()) return std::nullopt;
    for (const std::string& literal : literals) u.add_one(literal, c.field);
  }
  return std::move(u).result();
}

AllOf of_condition(const FieldCondition& c) {
  if (c.check != FieldCheck::values || c.negate || c.strings.empty()) return {};
  const bool others = !c.numbers.empty() || !c.cidrs.empty() || !c.dates.empty() || !c.refs.empty();
  AllOf sets;
  if (!c.all) {
    if (others) return {};
    if (Literals one = of_strings(c, 0, c.strings.size())) sets.push_back(std::move(*one));
    return sets;
  }
  // `|all`: every group must match, so each group's literals are a set of their own.
  for (std::size_t begin = 0; begin < c.strings.size();) {
    std::size_t end = begin + 1;
    while (end < c.strings.size() && c.string_groups[end] == c.string_groups[begin]) ++end;
    if (Literals group = of_strings(c, begin, end)) sets.push_back(std::move(*group));
    begin = end;
  }
  return sets;
}

AllOf of_selection(const CompiledSelection& s) {
  if (s.any_of.empty()) return {};
  std::vector<AllOf> alternatives;
  for (const auto& alternative : s.any_of) {
    AllOf needed;
    for (const FieldCondition& c : alternative) add_all(needed, of_condition(c));
    alternatives.push_back(std::move(needed));
  }
  if (alternatives.size() == 1) return std::move(alternatives.front());
  Union u;
  for (const AllOf& alternative : alternatives) u.add(alternative);
  return std::move(u).as_set();
}

AllOf of_node(const ConditionNode& node, const std::vector<CompiledSelection>& selections) {
  using Kind = ConditionNode::Kind;
  auto selection = [&](int i) { return of_selection(selections[static_cast<std::size_t>(i)]); };
  switch (node.kind) {
    case Kind::selection: return selection(node.selection);
    case Kind::not_: return {};
    case Kind::and_: {
      AllOf all;
      for (const auto& child : node.children) add_all(all, of_node(child, selections));
      return all;
    }
    case Kind::or_: {
      Union u;
      for (const auto& child : node.children) u.add(of_node(child, selections));
      return std::move(u).as_set();
    }
    case Kind::all_of: {
      AllOf all;
      for (int s : node.selections) add_all(all, selection(s));
      return all;
    }
    case Kind::any_of:
    case Kind::at_least: {
      if (node.kind == Kind::at_least && node.count == 0) return {};
      Union u;
      for (int s : node.selections) u.add(selection(s));
      return std::move(u).as_set();
    }
  }
  return {};
}

}  // namespace

std::vector<std::string> literals_of(const StringPredicate& test) {
  auto one = [](std::string literal) {
    return literal.empty() ? std::vector<std::string>{} : std::vector<std::string>{std::move(literal)};
  };
  switch (test.kind()) {
    case StringMatch::equals:
    case StringMatch::starts_with:
    case StringMatch::ends_with:
    case StringMatch::contains: {
      const std::string& pattern = test.pattern();
      if (pattern.empty()) return {};
      if (pattern.find(kValueSeparator) == std::string::npos) {
        // The test is on a whole value, and every value stands between separators in the
        // scanned text: anchor the literal there, which makes short ones (EventID: 1) selective.
        const bool at_start = test.kind() == StringMatch::equals || test.kind() == StringMatch::starts_with;
        const bool at_end = test.kind() == StringMatch::equals || test.kind() == StringMatch::ends_with;
        return one((at_start ? std::string(1, kValueSeparator) : std::string()) + fold_ascii(pattern) +
                   (at_end ? std::string(1, kValueSeparator) : std::string()));
      }
      LongestRun runs(false);
      for (char c : pattern) runs.add(c);
      return one(runs.take());
    }
    case StringMatch::glob:
    case StringMatch::regex: return test.required_literals();
  }
  return {};
}

std::size_t RequiredLiterals::set_count() const {
  std::size_t n = any.empty() ? 0 : 1;
  for (std::uint8_t s : sets) n = std::max<std::size_t>(n, s + 1u);
  return n;
}

std::optional<RequiredLiterals> required_literals(const CompiledRule& rule) {
  AllOf sets = of_node(rule.rule().condition, rule.selections());
  if (sets.empty()) return std::nullopt;
  // Best first, each set once (a field tested twice, `all of` a selection named twice).
  std::stable_sort(sets.begin(), sets.end(), [](const RequiredLiterals& a, const RequiredLiterals& b) { return better(a, b); });
  RequiredLiterals out;
  std::vector<const RequiredLiterals*> kept;
  for (const RequiredLiterals& set : sets) {
    if (kept.size() == kMaxLiteralSets) break;
    const bool again = std::any_of(kept.begin(), kept.end(), [&](const RequiredLiterals* k) {
      return k->any == set.any && k->fields == set.fields;
    });
    if (again) continue;
    for (std::size_t i = 0; i < set.any.size(); ++i) {
      out.any.push_back(set.any[i]);
      out.fields.push_back(set.fields[i]);
      out.sets.push_back(static_cast<std::uint8_t>(kept.size()));
    }
    kept.push_back(&set);
  }
  return out;
}

}  // namespace ward::sigma

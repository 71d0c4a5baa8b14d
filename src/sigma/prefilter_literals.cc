// Deriving the literals a rule needs (prefilter_literals.h) from its compiled selections and
// condition; conservative wherever a literal would not be certain.
#include "sigma/prefilter_literals.h"

#include <algorithm>
#include <cstring>

namespace ward::sigma {
namespace {

using Literals = std::optional<RequiredLiterals>;

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

void keep_better(Literals& best, Literals candidate) {
  if (candidate && (!best || better(*candidate, *best))) best = std::move(candidate);
}

// Union: nullopt as soon as one part needs nothing.
class Union {
 public:
  void add(const Literals& part) {
    if (!part) { open_ = true; return; }
    for (std::size_t i = 0; i < part->any.size(); ++i) add_pair(part->any[i], part->fields[i]);
  }
  void add_one(const std::string& literal, const std::string& field) {
    if (literal.empty()) { open_ = true; return; }
    add_pair(literal, field);
  }
  Literals result() && {
    if (open_ || all_.any.empty()) return std::nullopt;
    return std::move(all_);
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

Literals of_condition(const FieldCondition& c) {
  if (c.check != FieldCheck::values || c.negate || c.strings.empty()) return std::nullopt;
  const bool others = !c.numbers.empty() || !c.cidrs.empty() || !c.dates.empty() || !c.refs.empty();
  if (!c.all) return others ? std::nullopt : of_strings(c, 0, c.strings.size());
  Literals best;
  for (std::size_t begin = 0; begin < c.strings.size();) {
    std::size_t end = begin + 1;
    while (end < c.strings.size() && c.string_groups[end] == c.string_groups[begin]) ++end;
    keep_better(best, of_strings(c, begin, end));
    begin = end;
  }
  return best;
}

Literals of_selection(const CompiledSelection& s) {
  Union u;
  if (s.any_of.empty()) return std::nullopt;
  for (const auto& alternative : s.any_of) {
    Literals best;
    for (const FieldCondition& c : alternative) keep_better(best, of_condition(c));
    u.add(best);
  }
  return std::move(u).result();
}

Literals of_node(const ConditionNode& node, const std::vector<CompiledSelection>& selections) {
  using Kind = ConditionNode::Kind;
  auto selection = [&](int i) { return of_selection(selections[static_cast<std::size_t>(i)]); };
  switch (node.kind) {
    case Kind::selection: return selection(node.selection);
    case Kind::not_: return std::nullopt;
    case Kind::and_: {
      Literals best;
      for (const auto& child : node.children) keep_better(best, of_node(child, selections));
      return best;
    }
    case Kind::or_: {
      Union u;
      for (const auto& child : node.children) u.add(of_node(child, selections));
      return std::move(u).result();
    }
    case Kind::all_of: {
      Literals best;
      for (int s : node.selections) keep_better(best, selection(s));
      return best;
    }
    case Kind::any_of:
    case Kind::at_least: {
      if (node.kind == Kind::at_least && node.count == 0) return std::nullopt;
      Union u;
      for (int s : node.selections) u.add(selection(s));
      return std::move(u).result();
    }
  }
  return std::nullopt;
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

std::optional<RequiredLiterals> required_literals(const CompiledRule& rule) {
  return of_node(rule.rule().condition, rule.selections());
}

}  // namespace ward::sigma

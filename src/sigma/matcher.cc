// Evaluating a CompiledRule against one event. Nothing here allocates on the matching path; the
// matched-field report (after a match) does.
#include "sigma/compiled_rule.h"

namespace ward::sigma {
namespace {

bool usable(const FieldValue& v) { return v.kind != ValueKind::null; }

bool other_test_matches(const FieldCondition& c, std::size_t index, std::string_view text, const EventView& event) {
  std::size_t i = index;
  if (i < c.numbers.size()) return c.numbers[i].matches(text);
  i -= c.numbers.size();
  if (i < c.cidrs.size()) return c.cidrs[i].matches(text);
  i -= c.cidrs.size();
  if (i < c.dates.size()) return c.dates[i].matches(text);
  i -= c.dates.size();
  const FieldRefTest& ref = c.refs[i];
  for (const FieldValue& other : event.values_of(ref.other_field))
    if (usable(other) && ref.matches(text, other.text)) return true;
  return false;
}

std::size_t other_test_count(const FieldCondition& c) {
  return c.numbers.size() + c.cidrs.size() + c.dates.size() + c.refs.size();
}

// Some value matches string tests [begin, end).
bool strings_match(const FieldCondition& c, std::size_t begin, std::size_t end, std::span<const FieldValue> values) {
  for (const FieldValue& v : values) {
    if (!usable(v)) continue;
    for (std::size_t t = begin; t < end; ++t)
      if (c.strings[t].matches(v.text)) return true;
  }
  return false;
}

bool other_matches(const FieldCondition& c, std::size_t test, std::span<const FieldValue> values, const EventView& event) {
  for (const FieldValue& v : values)
    if (usable(v) && other_test_matches(c, test, v.text, event)) return true;
  return false;
}

bool values_match(const FieldCondition& c, std::span<const FieldValue> values, const EventView& event) {
  if (!c.all) {
    if (strings_match(c, 0, c.strings.size(), values)) return true;
    for (std::size_t t = 0; t < other_test_count(c); ++t)
      if (other_matches(c, t, values, event)) return true;
    return false;
  }
  // Every group of string tests, and every other test, finds a value.
  for (std::size_t begin = 0; begin < c.strings.size();) {
    std::size_t end = begin + 1;
    while (end < c.strings.size() && c.string_groups[end] == c.string_groups[begin]) ++end;
    if (!strings_match(c, begin, end, values)) return false;
    begin = end;
  }
  for (std::size_t t = 0; t < other_test_count(c); ++t)
    if (!other_matches(c, t, values, event)) return false;
  return true;
}

bool selection_holds(const CompiledSelection& s, const EventView& event) {
  for (const auto& alternative : s.any_of) {
    bool all = true;
    for (const FieldCondition& c : alternative) {
      if (!condition_holds(c, event)) { all = false; break; }
    }
    if (all) return true;
  }
  return false;
}

bool evaluate(const ConditionNode& node, const std::vector<CompiledSelection>& selections, const EventView& event) {
  using Kind = ConditionNode::Kind;
  switch (node.kind) {
    case Kind::selection: return selection_holds(selections[static_cast<std::size_t>(node.selection)], event);
    case Kind::not_: return !evaluate(node.children.front(), selections, event);
    case Kind::and_:
      for (const auto& child : node.children)
        if (!evaluate(child, selections, event)) return false;
      return true;
    case Kind::or_:
      for (const auto& child : node.children)
        if (evaluate(child, selections, event)) return true;
      return false;
    case Kind::any_of:
    case Kind::all_of:
    case Kind::at_least: {
      const std::size_t needed = node.kind == Kind::all_of ? node.selections.size()
                                 : node.kind == Kind::any_of ? 1 : node.count;
      std::size_t held = 0;
      for (std::size_t i = 0; i < node.selections.size(); ++i) {
        if (selection_holds(selections[static_cast<std::size_t>(node.selections[i])], event)) {
          if (++held >= needed) return true;
        } else if (node.kind == Kind::all_of) {
          return false;
        }
      }
      return held >= needed;
    }
  }
  return false;
}

void mark_positive(const ConditionNode& node, bool positive, std::vector<bool>& out) {
  using Kind = ConditionNode::Kind;
  switch (node.kind) {
    case Kind::selection: if (positive) out[static_cast<std::size_t>(node.selection)] = true; return;
    case Kind::any_of:
    case Kind::all_of:
    case Kind::at_least:
      if (positive)
        for (int s : node.selections) out[static_cast<std::size_t>(s)] = true;
      return;
    case Kind::not_: mark_positive(node.children.front(), !positive, out); return;
    case Kind::and_:
    case Kind::or_:
      for (const auto& child : node.children) mark_positive(child, positive, out);
      return;
  }
}

}  // namespace

bool condition_holds(const FieldCondition& c, const EventView& event) {
  const std::span<const FieldValue> values = c.field.empty() ? event.all_values() : event.values_of(c.field, c.field_hash);
  switch (c.check) {
    case FieldCheck::exists: return !values.empty();
    case FieldCheck::absent: return values.empty();
    case FieldCheck::null:
      for (const FieldValue& v : values)
        if (usable(v)) return false;
      return true;
    case FieldCheck::values: break;
  }
  const bool matched = values_match(c, values, event);
  return c.negate ? !matched : matched;
}

CompiledRule::CompiledRule(Rule rule, std::vector<CompiledSelection> selections)
    : rule_(std::move(rule)), selections_(std::move(selections)), positive_(selections_.size(), false) {
  mark_positive(rule_.condition, true, positive_);
}

bool CompiledRule::matches(const EventView& event) const { return evaluate(rule_.condition, selections_, event); }

std::vector<MatchedField> CompiledRule::matched_fields(const EventView& event) const {
  std::vector<MatchedField> out;
  auto add = [&](std::string field, std::string_view value) {
    for (const auto& m : out)
      if (m.field == field && m.value == value) return;
    out.push_back({std::move(field), std::string(value)});
  };
  for (std::size_t s = 0; s < selections_.size(); ++s) {
    if (!positive_[s]) continue;
    for (const auto& alternative : selections_[s].any_of) {
      bool all = true;
      for (const FieldCondition& c : alternative) all = all && condition_holds(c, event);
      if (!all) continue;
      for (const FieldCondition& c : alternative) {
        if (c.check != FieldCheck::values || c.negate) continue;
        const auto values = c.field.empty() ? event.all_values() : event.values_of(c.field, c.field_hash);
        for (const FieldValue& v : values) {
          if (!usable(v)) continue;
          const std::span<const FieldValue> one(&v, 1);
          bool hit = strings_match(c, 0, c.strings.size(), one);
          for (std::size_t t = 0; !hit && t < other_test_count(c); ++t) hit = other_matches(c, t, one, event);
          if (hit) add(c.field.empty() ? "keywords" : c.field, v.text);
        }
      }
    }
  }
  return out;
}

}  // namespace ward::sigma

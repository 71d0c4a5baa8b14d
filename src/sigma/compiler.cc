// Compiles a Rule's field specs into FieldConditions, applying value modifiers in the order the
// rule names them (spec: "the value modifiers are applied in the given order").
#include <algorithm>

#include <fmt/format.h>

#include "sigma/compiled_rule.h"

namespace ward::sigma {
namespace {

enum class Transform : std::uint8_t { contains, startswith, endswith, windash, base64, base64offset, utf16le, utf16be, utf16 };

struct Modifiers {
  std::vector<Transform> transforms;  // in rule order
  bool all = false, cased = false, exists = false, regex = false, cidr = false, neq = false,
       fieldref = false, expand = false;
  RegexFlags regex_flags;
  std::optional<Comparison> comparison;
  std::optional<DatePartTest::Part> date_part;
  bool has(Transform t) const { return std::find(transforms.begin(), transforms.end(), t) != transforms.end(); }
};

Unexpected spec_error(const FieldSpec& spec, std::string message) {
  return fail(ErrorCode::unsupported, std::move(message), spec.field.empty() ? "keywords" : spec.field);
}

Result<Modifiers> read_modifiers(const FieldSpec& spec) {
  Modifiers m;
  for (const std::string& name : spec.modifiers) {
    if (name == "contains") m.transforms.push_back(Transform::contains);
    else if (name == "startswith") m.transforms.push_back(Transform::startswith);
    else if (name == "endswith") m.transforms.push_back(Transform::endswith);
    else if (name == "windash") m.transforms.push_back(Transform::windash);
    else if (name == "base64") m.transforms.push_back(Transform::base64);
    else if (name == "base64offset") m.transforms.push_back(Transform::base64offset);
    else if (name == "utf16le" || name == "wide") m.transforms.push_back(Transform::utf16le);
    else if (name == "utf16be") m.transforms.push_back(Transform::utf16be);
    else if (name == "utf16") m.transforms.push_back(Transform::utf16);
    else if (name == "all") m.all = true;
    else if (name == "cased") m.cased = true;
    else if (name == "exists") m.exists = true;
    else if (name == "re") m.regex = true;
    else if (name == "i" || name == "m" || name == "s") {
      if (!m.regex) return spec_error(spec, fmt::format("modifier '{}' only follows 're'", name));
      (name == "i" ? m.regex_flags.ignore_case : name == "m" ? m.regex_flags.multi_line : m.regex_flags.dot_all) = true;
    }
    else if (name == "cidr") m.cidr = true;
    else if (name == "neq") m.neq = true;
    else if (name == "fieldref") m.fieldref = true;
    else if (name == "expand") m.expand = true;
    else if (name == "gt") m.comparison = Comparison::greater;
    else if (name == "gte") m.comparison = Comparison::greater_equal;
    else if (name == "lt") m.comparison = Comparison::less;
    else if (name == "lte") m.comparison = Comparison::less_equal;
    else if (auto part = DatePartTest::part_named(name)) m.date_part = part;
    else return spec_error(spec, fmt::format("unknown modifier '{}'", name));
  }
  const int kinds = int(m.regex) + int(m.cidr) + int(m.exists) + int(m.fieldref) +
                    int(m.comparison.has_value() && !m.date_part) + int(m.date_part.has_value());
  if (kinds > 1) return spec_error(spec, "modifiers re, cidr, exists, fieldref, gt/lt and date parts do not combine");
  if ((m.regex || m.cidr || m.exists || m.comparison || m.date_part) && !m.transforms.empty())
    return spec_error(spec, "string modifiers (contains, base64, …) do not apply to re, cidr, exists or numbers");
  return m;
}

// `%name%` placeholders (a backslash keeps a percent sign plain) replaced by every combination
// of their configured values.
Result<std::vector<std::string>> expand_placeholders(const FieldSpec& spec, const std::string& raw,
                                                     const CompileOptions& options) {
  std::vector<std::string> out = {""};
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == '%') {
      for (auto& s : out) s += '%';
      ++i;
      continue;
    }
    const std::size_t close = raw[i] == '%' ? raw.find('%', i + 1) : std::string::npos;
    if (close == std::string::npos) {
      for (auto& s : out) s += raw[i];
      continue;
    }
    const std::string_view name = std::string_view(raw).substr(i + 1, close - i - 1);
    const auto found = options.placeholders.find(name);
    if (found == options.placeholders.end() || found->second.empty())
      return spec_error(spec, fmt::format("placeholder %{}% has no configured value", name));
    if (out.size() * found->second.size() > 4096) return spec_error(spec, "placeholders expand to too many values");
    std::vector<std::string> next;
    for (const auto& prefix : out)
      for (const auto& value : found->second) next.push_back(prefix + value);
    out = std::move(next);
    i = close;
  }
  return out;
}

Result<std::vector<SigmaString>> apply(Transform t, std::vector<SigmaString> in) {
  std::vector<SigmaString> out;
  for (auto& v : in) {
    switch (t) {
      case Transform::contains: out.push_back(v.with_leading_any().with_trailing_any()); break;
      case Transform::startswith: out.push_back(v.with_trailing_any()); break;
      case Transform::endswith: out.push_back(v.with_leading_any()); break;
      case Transform::utf16le: out.push_back(utf16(v, false, false)); break;
      case Transform::utf16be: out.push_back(utf16(v, true, false)); break;
      case Transform::utf16: out.push_back(utf16(v, false, true)); break;
      case Transform::base64: {
        auto encoded = base64(v);
        if (!encoded) return Unexpected(encoded.error());
        out.push_back(std::move(*encoded));
        break;
      }
      case Transform::base64offset:
      case Transform::windash: {
        auto variants = t == Transform::windash ? windash_variants(v) : base64_offsets(v);
        if (!variants) return Unexpected(variants.error());
        for (auto& x : *variants) out.push_back(std::move(x));
        break;
      }
    }
  }
  return out;
}

Result<void> add_value(FieldCondition& c, const FieldSpec& spec, const Modifiers& m, const std::string& text,
                       std::uint32_t group) {
  auto fail_here = [&](const Error& e) { return spec_error(spec, e.message); };
  if (m.regex) {
    auto t = StringPredicate::from_regex(text, m.regex_flags);
    if (!t) return fail_here(t.error());
    c.strings.push_back(std::move(*t));
    c.string_groups.push_back(group);
    return {};
  }
  if (m.cidr) {
    auto t = CidrTest::parse(text);
    if (!t) return fail_here(t.error());
    c.cidrs.push_back(*t);
    return {};
  }
  if (m.date_part) {
    auto n = NumberTest::parse(text, m.comparison.value_or(Comparison::equal));
    if (!n) return fail_here(n.error());
    c.dates.push_back(DatePartTest{*m.date_part, *n});
    return {};
  }
  if (m.comparison) {
    auto n = NumberTest::parse(text, *m.comparison);
    if (!n) return fail_here(n.error());
    c.numbers.push_back(*n);
    return {};
  }
  if (m.fieldref) {
    const StringMatch how = m.has(Transform::contains)     ? StringMatch::contains
                            : m.has(Transform::startswith) ? StringMatch::starts_with
                            : m.has(Transform::endswith)   ? StringMatch::ends_with
                                                           : StringMatch::equals;
    c.refs.push_back(FieldRefTest{text, how, m.cased});
    return {};
  }
  std::vector<SigmaString> values = {SigmaString::parse(text)};
  for (Transform t : m.transforms) {
    auto next = apply(t, std::move(values));
    if (!next) return fail_here(next.error());
    values = std::move(*next);
  }
  // A keyword is found anywhere in a value unless the rule anchors it.
  if (c.field.empty() && !m.has(Transform::startswith) && !m.has(Transform::endswith))
    for (auto& v : values) v = v.with_leading_any().with_trailing_any();
  for (const auto& v : values) {
    auto t = StringPredicate::from_value(v, m.cased);
    if (!t) return fail_here(t.error());
    c.strings.push_back(std::move(*t));
    c.string_groups.push_back(group);
  }
  return {};
}

Result<FieldCondition> compile_spec(const FieldSpec& spec, const CompileOptions& options) {
  auto m = read_modifiers(spec);
  if (!m) return Unexpected(m.error());
  FieldCondition c{.field = spec.field, .field_hash = hash_field_name(spec.field), .all = m->all, .negate = m->neq};
  const bool has_null = std::any_of(spec.values.begin(), spec.values.end(), [](const RuleValue& v) { return v.is_null; });
  if (has_null) {
    if (spec.values.size() != 1 || m->exists) return spec_error(spec, "null cannot be part of a list of values");
    if (spec.field.empty()) return spec_error(spec, "a keyword cannot be null");
    c.check = FieldCheck::null;
    return c;
  }
  if (m->exists) {
    const std::string v = fold_ascii(spec.values.front().text);
    if (spec.values.size() != 1 || (v != "true" && v != "false"))
      return spec_error(spec, "exists takes one value, true or false");
    if (spec.field.empty()) return spec_error(spec, "exists needs a field");
    c.check = v == "true" ? FieldCheck::exists : FieldCheck::absent;
    return c;
  }
  if (spec.field.empty() && (m->fieldref || m->cidr || m->comparison || m->date_part))
    return spec_error(spec, "keywords take only string modifiers");
  for (std::uint32_t group = 0; group < spec.values.size(); ++group) {
    std::vector<std::string> texts = {spec.values[group].text};
    if (m->expand) {
      auto expanded = expand_placeholders(spec, spec.values[group].text, options);
      if (!expanded) return Unexpected(expanded.error());
      texts = std::move(*expanded);
    }
    for (const auto& text : texts)
      if (auto r = add_value(c, spec, *m, text, group); !r) return Unexpected(r.error());
  }
  return c;
}

}  // namespace

Result<CompiledRule> compile_rule(Rule rule, const CompileOptions& options) {
  apply_field_mappings(options.field_mappings, rule);
  std::vector<CompiledSelection> selections;
  for (const SearchIdentifier& sel : rule.selections) {
    CompiledSelection compiled{.name = sel.name};
    for (const auto& alternative : sel.any_of) {
      std::vector<FieldCondition> conditions;
      for (const FieldSpec& spec : alternative) {
        auto c = compile_spec(spec, options);
        if (!c) {
          Error e = c.error();
          e.field = fmt::format("detection.{}.{}", sel.name, e.field);
          e.source = rule.file.string();
          return Unexpected(std::move(e));
        }
        conditions.push_back(std::move(*c));
      }
      compiled.any_of.push_back(std::move(conditions));
    }
    selections.push_back(std::move(compiled));
  }
  return CompiledRule(std::move(rule), std::move(selections));
}

}  // namespace ward::sigma

// Reading rule files with all their YAML documents; `correlation:` documents into
// CorrelationRule (correlation_rule.h), with errors naming document, line and field.
#include <charconv>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "sigma/correlation_rule.h"
#include "sigma/yaml_documents.h"

namespace ward::sigma {
namespace {

// Where a document's problem is: the error the caller sees names file, line, field and document.
class DocumentErrors {
 public:
  explicit DocumentErrors(int document) : document_(document) {}
  Unexpected at(const YAML::Node& node, std::string field, std::string message,
                ErrorCode code = ErrorCode::invalid_input) const {
    Error e{code, fmt::format("{} (document {})", message, document_)};
    if (node && !node.Mark().is_null()) e.line = static_cast<std::uint64_t>(node.Mark().line) + 1;
    e.field = std::move(field);
    return Unexpected(std::move(e));
  }

 private:
  int document_;
};

std::string scalar_or_empty(const YAML::Node& node) { return node && node.IsScalar() ? node.Scalar() : std::string(); }

Result<std::vector<std::string>> text_list(const YAML::Node& node, const std::string& field, const DocumentErrors& err) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  if (!node.IsSequence()) return err.at(node, field, "expected a list of names");
  for (const auto& item : node) {
    if (!item.IsScalar() || item.Scalar().empty()) return err.at(item, field, "expected a name, found a list, map or nothing");
    out.push_back(item.Scalar());
  }
  if (out.empty()) return err.at(node, field, "empty list");
  return out;
}

Result<CountCondition> read_condition(const YAML::Node& node, CorrelationRule& rule, const DocumentErrors& err) {
  if (!node.IsMap()) return err.at(node, "correlation.condition", "expected a map such as `gte: 10`");
  CountCondition c;
  bool any_bound = false;
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    const std::string field = "correlation.condition." + key;
    if (key == "field") {
      auto fields = text_list(kv.second, field, err);
      if (!fields) return Unexpected(fields.error());
      for (std::size_t i = 0; i < fields->size(); ++i) rule.field += (i ? "," : "") + (*fields)[i];
      continue;
    }
    std::optional<std::uint64_t>* bound = key == "gt" ? &c.gt : key == "gte" ? &c.gte : key == "lt" ? &c.lt
                                        : key == "lte" ? &c.lte : key == "eq" ? &c.eq : key == "neq" ? &c.neq : nullptr;
    if (!bound) return err.at(kv.first, field, "unknown condition (gt, gte, lt, lte, eq, neq, field)");
    const std::string text = scalar_or_empty(kv.second);
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
      return err.at(kv.second, field, fmt::format("expected a whole number, found '{}'", text));
    *bound = value;
    any_bound = true;
  }
  if (!any_bound) return err.at(node, "correlation.condition", "no bound: give one of gt, gte, lt, lte, eq, neq");
  return c;
}

Result<CorrelationType> read_type(const YAML::Node& node, const DocumentErrors& err) {
  const std::string text = scalar_or_empty(node);
  if (text == "event_count") return CorrelationType::event_count;
  if (text == "value_count") return CorrelationType::value_count;
  if (text == "temporal") return CorrelationType::temporal;
  if (text == "temporal_ordered") return CorrelationType::temporal_ordered;
  if (text == "value_sum" || text == "value_avg" || text == "value_percentile")
    return err.at(node, "correlation.type", fmt::format("{} correlations are not supported by Ward yet", text),
                  ErrorCode::unsupported);
  return err.at(node, "correlation.type",
                fmt::format("'{}' is not a correlation type (event_count, value_count, temporal, temporal_ordered)", text));
}

Result<CorrelationRule> read_correlation(const YAML::Node& doc, const std::filesystem::path& source, int document) {
  const DocumentErrors err(document);
  CorrelationRule rule;
  rule.file = source;
  rule.document = document;
  rule.title = scalar_or_empty(doc["title"]);
  rule.id = scalar_or_empty(doc["id"]);
  rule.name = scalar_or_empty(doc["name"]);
  rule.status = scalar_or_empty(doc["status"]);
  rule.level = scalar_or_empty(doc["level"]);
  rule.description = scalar_or_empty(doc["description"]);
  for (const char* key : {"tags", "falsepositives"}) {
    if (!doc[key]) continue;
    auto list = text_list(doc[key], key, err);
    if (!list) return Unexpected(list.error());
    (std::string_view(key) == "tags" ? rule.tags : rule.falsepositives) = std::move(*list);
  }
  if (rule.title.empty()) return err.at(doc, "title", "missing");
  if (const YAML::Node generate = doc["generate"]) {
    const std::string text = scalar_or_empty(generate);
    if (text != "true" && text != "false") return err.at(generate, "generate", "expected true or false");
    rule.generate = text == "true";
  }
  const YAML::Node c = doc["correlation"];
  if (!c.IsMap()) return err.at(c, "correlation", "expected a map with type, rules, group-by, timespan");
  YAML::Node condition;
  bool has_condition = false;
  for (const auto& kv : c) {
    const std::string key = kv.first.Scalar();
    const std::string field = "correlation." + key;
    if (key == "type") {
      auto type = read_type(kv.second, err);
      if (!type) return Unexpected(type.error());
      rule.type = *type;
    } else if (key == "rules" || key == "group-by") {
      auto list = text_list(kv.second, field, err);
      if (!list) return Unexpected(list.error());
      (key == "rules" ? rule.rules : rule.group_by) = std::move(*list);
    } else if (key == "timespan") {
      rule.timespan_text = scalar_or_empty(kv.second);
      auto span = parse_timespan(rule.timespan_text);
      if (!span) return err.at(kv.second, field, span.error().message);
      rule.timespan = *span;
    } else if (key == "condition") {
      condition = kv.second;
      has_condition = true;
    } else if (key == "aliases") {
      if (!kv.second.IsMap()) return err.at(kv.second, field, "expected a map: alias → (rule name → field)");
      for (const auto& alias : kv.second) {
        const std::string where = field + "." + alias.first.Scalar();
        if (!alias.second.IsMap()) return err.at(alias.second, where, "expected a map: rule name → field");
        for (const auto& entry : alias.second) {
          const std::string target = scalar_or_empty(entry.second);
          if (target.empty()) return err.at(entry.second, where + "." + entry.first.Scalar(), "expected a field name");
          rule.aliases[alias.first.Scalar()][entry.first.Scalar()] = target;
        }
      }
    } else if (key == "generate") {  // older rules put it inside the correlation
      const std::string text = scalar_or_empty(kv.second);
      if (text != "true" && text != "false") return err.at(kv.second, field, "expected true or false");
      rule.generate = text == "true";
    } else {
      return err.at(kv.first, field, "unknown key (type, rules, group-by, timespan, condition, aliases, generate)");
    }
  }
  if (!c["type"]) return err.at(c, "correlation.type", "missing");
  if (rule.rules.empty()) return err.at(c, "correlation.rules", "missing: name the rules to correlate");
  if (rule.timespan_text.empty()) return err.at(c, "correlation.timespan", "missing (e.g. 10m)");
  const bool counts = rule.type == CorrelationType::event_count || rule.type == CorrelationType::value_count;
  if (has_condition) {
    auto parsed = read_condition(condition, rule, err);
    if (!parsed) return Unexpected(parsed.error());
    rule.condition = *parsed;
    rule.has_condition = true;
  } else if (counts) {
    return err.at(c, "correlation.condition", fmt::format("missing: {} needs a bound such as `gte: 10`", to_string(rule.type)));
  }
  if (rule.type == CorrelationType::value_count && rule.field.empty())
    return err.at(condition, "correlation.condition.field", "missing: value_count counts the distinct values of a field");
  if (rule.type != CorrelationType::value_count && !rule.field.empty())
    return err.at(condition, "correlation.condition.field", fmt::format("only value_count takes a field, not {}", to_string(rule.type)));
  return rule;
}

}  // namespace

std::string_view to_string(CorrelationType type) {
  switch (type) {
    case CorrelationType::event_count: return "event_count";
    case CorrelationType::value_count: return "value_count";
    case CorrelationType::temporal: return "temporal";
    case CorrelationType::temporal_ordered: return "temporal_ordered";
  }
  return "?";
}

bool CountCondition::holds(std::uint64_t n) const {
  return (!gt || n > *gt) && (!gte || n >= *gte) && (!lt || n < *lt) && (!lte || n <= *lte) && (!eq || n == *eq) &&
         (!neq || n != *neq);
}

std::string CountCondition::describe() const {
  std::string out;
  auto add = [&](const char* name, const std::optional<std::uint64_t>& v) {
    if (v) out += fmt::format("{}{} {}", out.empty() ? "" : " and ", name, *v);
  };
  add("gt", gt), add("gte", gte), add("lt", lt), add("lte", lte), add("eq", eq), add("neq", neq);
  return out;
}

Result<TimeNs> parse_timespan(std::string_view text) {
  const auto bad = [&] {
    return fail(ErrorCode::invalid_input,
                fmt::format("'{}' is not a timespan: expected a number and s, m, h or d (e.g. 90m)", text));
  };
  if (text.size() < 2) return bad();
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, n);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || n <= 0) return bad();
  std::int64_t unit = 0;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    default: return bad();
  }
  if (n > std::int64_t{100} * 365 * 86400 / unit) return bad();  // beyond a century is a typo
  return n * unit * kNsPerSecond;
}

Result<RuleDocuments> parse_rule_documents(std::string_view text, const std::filesystem::path& source) {
  auto with_source = [&](Error e) {
    e.source = source.string();
    return Unexpected(std::move(e));
  };
  auto loaded = load_yaml_documents(text, source);
  if (!loaded) return Unexpected(loaded.error());
  const std::vector<YAML::Node>& docs = *loaded;
  RuleDocuments out;
  try {
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const YAML::Node& doc = docs[i];
      const int number = static_cast<int>(i) + 1;
      if (doc.IsNull()) continue;  // an empty document (a trailing ---)
      if (doc.IsMap() && doc["correlation"]) {
        auto rule = read_correlation(doc, source, number);
        if (!rule) return with_source(rule.error());
        out.correlations.push_back(std::move(*rule));
      } else if (doc.IsMap() && doc["detection"]) {
        auto rule = parse_rule_document(doc, source);
        if (!rule) {
          Error e = rule.error();
          if (docs.size() > 1) e.message += fmt::format(" (document {})", number);
          return with_source(std::move(e));
        }
        out.rules.push_back(std::move(*rule));
      } else {
        return with_source(DocumentErrors(number).at(doc, "", "neither a detection nor a correlation: not a Sigma rule").value());
      }
    }
  } catch (const YAML::Exception& e) {
    return with_source(Error{ErrorCode::invalid_input, "YAML: " + e.msg});
  }
  if (out.rules.empty() && out.correlations.empty())
    return with_source(Error{ErrorCode::invalid_input, "no detection: not a Sigma detection rule"});
  return out;
}

}  // namespace ward::sigma

#include "sigma/rule.h"


#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "sigma/yaml_documents.h"

namespace ward::sigma {
namespace {

Unexpected rule_error(std::string message) { return fail(ErrorCode::invalid_input, std::move(message)); }

std::string scalar_or_empty(const YAML::Node& node) {
  return node && node.IsScalar() ? node.Scalar() : std::string();
}

std::vector<std::string> scalar_list(const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const auto& item : node)
      if (item.IsScalar()) out.push_back(item.Scalar());
  }
  return out;
}

Result<RuleValue> read_value(const YAML::Node& node, std::string_view where) {
  if (node.IsNull()) return RuleValue{.is_null = true};
  if (!node.IsScalar()) return rule_error(fmt::format("{}: expected a value, found a list or map", where));
  return RuleValue{.text = node.Scalar()};
}

Result<FieldSpec> read_field_spec(const std::string& key, const YAML::Node& value, std::string_view selection) {
  FieldSpec spec;
  std::size_t bar = key.find('|');
  spec.field = key.substr(0, bar);
  while (bar != std::string::npos) {
    const std::size_t next = key.find('|', bar + 1);
    spec.modifiers.push_back(key.substr(bar + 1, next == std::string::npos ? std::string::npos : next - bar - 1));
    bar = next;
  }
  const std::string where = fmt::format("detection.{}.{}", selection, key);
  if (value.IsSequence()) {
    if (value.size() == 0) return rule_error(where + ": empty list of values");
    for (const auto& item : value) {
      auto v = read_value(item, where);
      if (!v) return Unexpected(v.error());
      spec.values.push_back(std::move(*v));
    }
  } else {
    auto v = read_value(value, where);
    if (!v) return Unexpected(v.error());
    spec.values.push_back(std::move(*v));
  }
  return spec;
}

Result<std::vector<FieldSpec>> read_map(const YAML::Node& map, std::string_view selection) {
  std::vector<FieldSpec> specs;
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) return rule_error(fmt::format("detection.{}: a field name must be text", selection));
    auto spec = read_field_spec(kv.first.Scalar(), kv.second, selection);
    if (!spec) return Unexpected(spec.error());
    specs.push_back(std::move(*spec));
  }
  if (specs.empty()) return rule_error(fmt::format("detection.{}: empty map", selection));
  return specs;
}

Result<SearchIdentifier> read_selection(const std::string& name, const YAML::Node& node) {
  SearchIdentifier sel{.name = name};
  if (node.IsMap()) {
    auto specs = read_map(node, name);
    if (!specs) return Unexpected(specs.error());
    sel.any_of.push_back(std::move(*specs));
  } else if (node.IsSequence()) {
    FieldSpec keywords;  // consecutive plain values form one keyword search
    for (const auto& item : node) {
      if (item.IsMap()) {
        auto specs = read_map(item, name);
        if (!specs) return Unexpected(specs.error());
        sel.any_of.push_back(std::move(*specs));
      } else {
        auto v = read_value(item, "detection." + name);
        if (!v) return Unexpected(v.error());
        keywords.values.push_back(std::move(*v));
      }
    }
    if (!keywords.values.empty()) sel.any_of.push_back({std::move(keywords)});
    if (sel.any_of.empty()) return rule_error(fmt::format("detection.{}: empty list", name));
  } else if (node.IsScalar()) {
    sel.any_of.push_back({FieldSpec{.values = {RuleValue{.text = node.Scalar()}}}});
  } else {
    return rule_error(fmt::format("detection.{}: expected a map, a list or a value", name));
  }
  return sel;
}

Result<Rule> read_rule(const YAML::Node& doc, const std::filesystem::path& source) {
  Rule rule;
  rule.file = source;
  rule.title = scalar_or_empty(doc["title"]);
  rule.id = scalar_or_empty(doc["id"]);
  rule.status = scalar_or_empty(doc["status"]);
  rule.level = scalar_or_empty(doc["level"]);
  rule.description = scalar_or_empty(doc["description"]);
  rule.name = scalar_or_empty(doc["name"]);
  rule.tags = scalar_list(doc["tags"]);
  rule.fields = scalar_list(doc["fields"]);
  rule.falsepositives = scalar_list(doc["falsepositives"]);
  if (const YAML::Node ls = doc["logsource"]; ls && ls.IsMap()) {
    rule.logsource = {scalar_or_empty(ls["product"]), scalar_or_empty(ls["category"]), scalar_or_empty(ls["service"])};
  }
  if (rule.title.empty()) return rule_error("title: missing");
  const YAML::Node detection = doc["detection"];
  if (!detection || !detection.IsMap()) return rule_error("detection: missing or not a map");
  std::vector<std::string> names;
  for (const auto& kv : detection) {
    const std::string key = kv.first.Scalar();
    if (key == "condition") {
      rule.condition_texts = scalar_list(kv.second);
      continue;
    }
    if (key == "timeframe") continue;  // Sigma 1 aggregation window; conditions with `|` are refused
    auto sel = read_selection(key, kv.second);
    if (!sel) return Unexpected(sel.error());
    names.push_back(key);
    rule.selections.push_back(std::move(*sel));
  }
  if (rule.condition_texts.empty()) return rule_error("detection.condition: missing");
  std::vector<ConditionNode> alternatives;
  for (const auto& text : rule.condition_texts) {
    auto node = parse_condition(text, names);
    if (!node) return Unexpected(node.error());
    alternatives.push_back(std::move(*node));
  }
  if (alternatives.size() == 1) {
    rule.condition = std::move(alternatives.front());
  } else {
    rule.condition = ConditionNode{.kind = ConditionNode::Kind::or_, .children = std::move(alternatives)};
  }
  return rule;
}

}  // namespace

Result<Rule> parse_rule_yaml(std::string_view text, const std::filesystem::path& source) {
  auto with_source = [&](Error e) {
    e.source = source.string();
    return Unexpected(std::move(e));
  };
  auto loaded = load_yaml_documents(text, source);
  if (!loaded) return Unexpected(loaded.error());
  const std::vector<YAML::Node>& docs = *loaded;
  try {
    for (const auto& doc : docs) {
      if (!doc.IsMap() || !doc["detection"]) continue;
      auto rule = read_rule(doc, source);
      if (!rule) return with_source(rule.error());
      return rule;
    }
    if (!docs.empty() && docs.front().IsMap() && docs.front()["correlation"])
      return with_source(Error{ErrorCode::unsupported, "a correlation rule: read it with parse_rule_documents"});
    return with_source(Error{ErrorCode::invalid_input, "no detection: not a Sigma detection rule"});
  } catch (const YAML::Exception& e) {
    return with_source(Error{ErrorCode::invalid_input, "YAML: " + e.msg});
  }
}

Result<Rule> parse_rule_document(const YAML::Node& document, const std::filesystem::path& source) {
  return read_rule(document, source);
}

}  // namespace ward::sigma

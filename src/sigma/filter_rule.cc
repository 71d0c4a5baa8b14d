#include "sigma/filter_rule.h"

#include <yaml-cpp/yaml.h>

namespace ward::sigma {
namespace {

Unexpected filter_error(const std::filesystem::path& source, std::string message) {
  return Unexpected(Error{ErrorCode::invalid_input, std::move(message), source.string()});
}

}  // namespace

bool is_filter_text(std::string_view text) {
  for (std::size_t p = 0; p < text.size();) {
    if (text.compare(p, 7, "filter:") == 0) return true;
    const std::size_t nl = text.find('\n', p);
    if (nl == std::string_view::npos) break;
    p = nl + 1;
  }
  return false;
}

Result<ParsedFilter> parse_filter_yaml(std::string_view text, const std::filesystem::path& source) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    Error err{ErrorCode::invalid_input, "YAML: " + e.msg, source.string()};
    err.line = e.mark.is_null() ? 0 : static_cast<std::uint64_t>(e.mark.line) + 1;
    return Unexpected(std::move(err));
  }
  try {
    if (!doc.IsMap() || !doc["filter"] || !doc["filter"].IsMap()) return filter_error(source, "filter: missing or not a map");
    const YAML::Node filter = doc["filter"];
    std::vector<std::string> names;
    const YAML::Node rules = filter["rules"];
    if (rules && rules.IsScalar()) names.push_back(rules.Scalar());
    if (rules && rules.IsSequence())
      for (const auto& r : rules)
        if (r.IsScalar()) names.push_back(r.Scalar());
    if (names.empty()) return filter_error(source, "filter.rules: missing (the ids or titles of the rules to filter)");
    if (!doc["logsource"] || !doc["logsource"].IsMap()) return filter_error(source, "logsource: missing");
    // The filter's selections and condition read as a rule's detection.
    YAML::Node as_rule;
    as_rule["title"] = doc["title"] ? doc["title"] : YAML::Node("filter");
    if (doc["id"]) as_rule["id"] = doc["id"];
    as_rule["logsource"] = doc["logsource"];
    YAML::Node detection;
    for (const auto& kv : filter)
      if (kv.first.Scalar() != "rules") detection[kv.first.Scalar()] = kv.second;
    as_rule["detection"] = detection;
    YAML::Emitter emitter;
    emitter << as_rule;
    auto rule = parse_rule_yaml(emitter.c_str(), source);
    if (!rule) {
      Error e = rule.error();
      if (e.message.starts_with("detection")) e.message = "filter" + e.message.substr(9);
      return Unexpected(std::move(e));
    }
    return ParsedFilter{std::move(names), std::move(*rule)};
  } catch (const YAML::Exception& e) {
    return filter_error(source, "YAML: " + e.msg);
  }
}

Result<FilterRule> compile_filter(ParsedFilter filter, const CompileOptions& options) {
  auto compiled = compile_rule(std::move(filter.rule), options);
  if (!compiled) return Unexpected(compiled.error());
  return FilterRule{.rules = std::move(filter.rules), .detection = std::move(*compiled)};
}

bool filter_names_rule(std::string_view reference, const Rule& rule) {
  if (reference.empty()) return false;
  return reference == rule.id || reference == rule.title || reference == rule.file.stem().string();
}

}  // namespace ward::sigma

#include "sigma/detection_config.h"

#include <fmt/format.h>

#include "core/config_yaml.h"
#include "sigma/logsource.h"

namespace ward::sigma {
namespace {

Unexpected config_error(std::string message) { return fail(ErrorCode::config, std::move(message)); }

// `name`: field_mappings (by rule logsource) or event_field_mappings (by event logsource).
Result<void> read_field_mappings(const YAML::Node& node, std::string_view name, FieldMappings& out) {
  if (!node) return {};
  if (!node.IsMap())
    return config_error(fmt::format("detection.{}: expected a map of logsource → {{sigma field: event field}}", name));
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    const std::string where = fmt::format("detection.{}.\"{}\"", name, key);
    auto logsource = parse_logsource(key);
    if (!logsource) return config_error(where + ": " + logsource.error().message);
    if (!kv.second.IsMap()) return config_error(where + ": expected a map of sigma field: event field");
    FieldMapping mapping{*logsource, {}};
    for (const auto& field : kv.second) {
      if (!field.second.IsScalar() || field.second.Scalar().empty())
        return config_error(fmt::format("{}.{}: expected the event's field name", where, field.first.Scalar()));
      mapping.fields.emplace_back(field.first.Scalar(), field.second.Scalar());
    }
    out.entries.push_back(std::move(mapping));
  }
  return {};
}

Result<void> read_logsources(const YAML::Node& node, FormatLogSources& out) {
  if (!node) return {};
  if (!node.IsMap()) return config_error("detection.logsources: expected a map of input format → logsource");
  for (const auto& kv : node) {
    const std::string format = kv.first.Scalar();
    const std::string where = "detection.logsources." + format;
    if (!is_event_format(format))
      return config_error(where + ": unknown input format (use zeek, squid, dns-log, syslog, fhir, hl7v2, csv-access, atna)");
    if (!kv.second.IsScalar()) return config_error(where + ": expected e.g. \"product:zeek,service:dns\"");
    auto logsource = parse_logsource(kv.second.Scalar());
    if (!logsource) return config_error(where + ": " + logsource.error().message);
    out[format] = *logsource;
  }
  return {};
}

// A list of paths, or one path.
Result<void> read_rules(const YAML::Node& node, std::vector<std::filesystem::path>& out) {
  if (!node) return {};
  if (node.IsScalar()) {
    if (node.Scalar().empty()) return config_error("detection.rules: expected a rule file or folder");
    out.emplace_back(node.Scalar());
    return {};
  }
  if (!node.IsSequence()) return config_error("detection.rules: expected a list of rule files or folders");
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (!node[i].IsScalar() || node[i].Scalar().empty())
      return config_error(fmt::format("detection.rules[{}]: expected the path of a rule file or folder", i));
    out.emplace_back(node[i].Scalar());
  }
  return {};
}

// detection.correlation: {lateness, max_groups, max_matches_per_group, max_held}.
Result<void> read_correlation(const YAML::Node& node, CorrelationOptions& out) {
  if (!node) return {};
  if (!node.IsMap()) return config_error("detection.correlation: expected a map (lateness, max_groups, max_matches_per_group, max_held)");
  if (auto r = check_keys(node, {"lateness", "max_groups", "max_matches_per_group", "max_held"}, "detection.correlation"); !r)
    return r;
  if (node["lateness"]) {
    if (!node["lateness"].IsScalar()) return config_error("detection.correlation.lateness: expected e.g. 30s, 5m or 0");
    auto lateness = parse_lateness(node["lateness"].Scalar());
    if (!lateness) return config_error("detection.correlation.lateness: " + lateness.error().message);
    out.lateness = *lateness;
  }
  for (auto [key, value] : {std::pair{"max_groups", &out.max_groups}, std::pair{"max_matches_per_group", &out.max_matches_per_group},
                            std::pair{"max_held", &out.max_held}}) {
    std::int64_t n = static_cast<std::int64_t>(*value);
    if (auto r = read_key(node, key, n, "detection.correlation"); !r) return r;
    if (n < 1) return config_error(fmt::format("detection.correlation.{}: expected a number of at least 1", key));
    *value = static_cast<std::size_t>(n);
  }
  return {};
}

// detection.placeholders: {name: value or [values]}.
Result<void> read_placeholders(const YAML::Node& node, std::map<std::string, std::vector<std::string>, std::less<>>& out) {
  if (!node) return {};
  if (!node.IsMap()) return config_error("detection.placeholders: expected a map of placeholder name → value or list of values");
  for (const auto& entry : node) {
    std::string name = entry.first.as<std::string>();
    if (name.size() > 2 && name.front() == '%' && name.back() == '%') name = name.substr(1, name.size() - 2);
    const std::string where = "detection.placeholders." + name;
    std::vector<std::string>& values = out[name];
    if (entry.second.IsScalar()) {
      values.push_back(entry.second.Scalar());
    } else if (entry.second.IsSequence() && entry.second.size() > 0) {
      for (std::size_t i = 0; i < entry.second.size(); ++i) {
        if (!entry.second[i].IsScalar()) return config_error(fmt::format("{}[{}]: expected a string", where, i));
        values.push_back(entry.second[i].Scalar());
      }
    } else {
      return config_error(where + ": expected a value or a non-empty list of values");
    }
  }
  return {};
}

}  // namespace

CompileOptions compile_options(const DetectionConfig& config) {
  CompileOptions options;
  options.field_mappings = with_defaults(config.field_mappings);
  options.placeholders = config.placeholders;
  return options;
}

Result<TimeNs> parse_lateness(std::string_view text) {
  if (text == "0" || text == "0s") return TimeNs{0};
  auto span = parse_timespan(text);
  if (!span) return fail(ErrorCode::invalid_input, fmt::format("'{}' is not a lateness bound: expected 0 or a number and s, m, h or d (e.g. 30s)", text));
  return *span;
}

Result<DetectionConfig> detection_config_from_yaml(const YAML::Node& node) {
  DetectionConfig config;
  if (!node || node.IsNull()) return config;
  if (!node.IsMap()) return config_error("detection: expected a map");
  if (auto r = check_keys(node, {"rules", "field_mappings", "event_field_mappings", "logsources", "correlation",
                                 "placeholders", "store_poll_interval"},
                          "detection");
      !r)
    return Unexpected(r.error());
  if (auto r = read_rules(node["rules"], config.rules); !r) return Unexpected(r.error());
  if (auto r = read_field_mappings(node["field_mappings"], "field_mappings", config.field_mappings); !r)
    return Unexpected(r.error());
  if (auto r = read_field_mappings(node["event_field_mappings"], "event_field_mappings", config.event_field_mappings); !r)
    return Unexpected(r.error());
  if (auto r = read_logsources(node["logsources"], config.logsources); !r) return Unexpected(r.error());
  if (auto r = read_correlation(node["correlation"], config.correlation); !r) return Unexpected(r.error());
  if (auto r = read_placeholders(node["placeholders"], config.placeholders); !r) return Unexpected(r.error());
  if (const YAML::Node poll = node["store_poll_interval"]) {
    auto interval = poll.IsScalar() ? parse_lateness(poll.Scalar()) : fail(ErrorCode::invalid_input, "");
    if (!interval)
      return config_error("detection.store_poll_interval: expected 0 (never) or a number and s, m, h or d (e.g. 2s)");
    config.store_poll_interval = *interval;
  }
  return config;
}

}  // namespace ward::sigma

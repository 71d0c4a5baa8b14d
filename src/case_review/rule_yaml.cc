// Writing an explanation rule as YAML (see rule_yaml.h); yaml-cpp's emitter does the quoting.
#include "case_review/rule_yaml.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace ward::case_review {
namespace {

std::string_view kind_text(privacy::RuleKind kind) {
  switch (kind) {
    case privacy::RuleKind::participant: return "participant";
    case privacy::RuleKind::unit: return "unit";
    case privacy::RuleKind::role: return "role";
    case privacy::RuleKind::purpose: return "purpose";
  }
  return "participant";
}

std::string_view anchor_text(privacy::Anchor anchor) {
  switch (anchor) {
    case privacy::Anchor::stay: return "stay";
    case privacy::Anchor::start: return "start";
    case privacy::Anchor::end: return "end";
  }
  return "stay";
}

}  // namespace

std::string duration_text(TimeNs ns) {
  TimeNs seconds = ns / kNsPerSecond;
  if (seconds <= 0) return "0";
  constexpr std::pair<TimeNs, char> kUnits[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
  for (auto [size, unit] : kUnits)
    if (seconds % size == 0) return fmt::format("{}{}", seconds / size, unit);
  return fmt::format("{}s", seconds);
}

std::string rule_to_yaml(const privacy::ExplanationRule& rule) {
  YAML::Emitter out;
  out << YAML::BeginSeq << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "code" << YAML::Value << rule.code;
  if (!rule.description.empty())
    out << YAML::Key << "description" << YAML::Value << YAML::DoubleQuoted << rule.description;
  out << YAML::Key << "kind" << YAML::Value << std::string(kind_text(rule.kind));
  out << YAML::Key << "anchor" << YAML::Value << std::string(anchor_text(rule.anchor));
  out << YAML::Key << "before" << YAML::Value << duration_text(rule.before);
  out << YAML::Key << "after" << YAML::Value << duration_text(rule.after);
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"participant_roles", &rule.participant_roles}, {"user_roles", &rule.user_roles},
      {"user_departments", &rule.user_departments},   {"encounter_classes", &rule.encounter_classes},
      {"purposes", &rule.purposes}};
  for (const auto& [key, values] : lists) {
    if (values->empty()) continue;
    out << YAML::Key << key << YAML::Value << YAML::Flow << *values;
  }
  out << YAML::EndMap << YAML::EndSeq;
  return out.c_str();
}

}  // namespace ward::case_review

#include "rules/rule_json.h"

#include "core/time.h"

namespace ward::rules {

using nlohmann::json;

std::string logsource_text(const store::DetectionRuleRecord& r) {
  std::string out;
  for (const auto& [key, value] : {std::pair<std::string_view, const std::string&>{"product", r.product},
                                   {"category", r.category},
                                   {"service", r.service}}) {
    if (value.empty()) continue;
    if (!out.empty()) out += ',';
    out += std::string(key) + ':' + value;
  }
  return out;
}

json rule_json(const store::DetectionRuleRecord& r, bool with_yaml) {
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json out = {
      {"id", r.id},
      {"title", r.title},
      {"level", or_null(r.level)},
      {"status", or_null(r.status)},
      {"kind", r.kind},
      {"logsource", {{"product", or_null(r.product)}, {"category", or_null(r.category)},
                     {"service", or_null(r.service)}}},
      {"enabled", r.enabled},
      {"origin", r.origin},
      {"added", format_iso8601(r.added)},
      {"added_by", r.added_by},
      {"updated", format_iso8601(r.updated)},
      {"updated_by", r.updated_by},
  };
  if (with_yaml) out["yaml"] = r.yaml;
  return out;
}

json problem_json(const UploadProblem& p) {
  return {{"document", p.document},
          {"rule", p.rule.empty() ? json(nullptr) : json(p.rule)},
          {"line", p.line > 0 ? json(p.line) : json(nullptr)},
          {"field", p.field.empty() ? json(nullptr) : json(p.field)},
          {"message", p.message},
          {"text", p.describe()}};
}

std::string_view to_string(store::RuleUpsert outcome) {
  switch (outcome) {
    case store::RuleUpsert::added: return "added";
    case store::RuleUpsert::updated: return "updated";
    case store::RuleUpsert::unchanged: return "unchanged";
  }
  return "unchanged";
}

}  // namespace ward::rules

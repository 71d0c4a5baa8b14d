#include "sigma/field_mapping.h"

#include <algorithm>

#include "sigma/logsource.h"
#include "sigma/string_predicate.h"

namespace ward::sigma {
namespace {

const std::string* mapped(const std::vector<const FieldMapping*>& applicable, std::string_view field) {
  for (const FieldMapping* m : applicable)
    for (const auto& [from, to] : m->fields)
      if (same_ignoring_case(from, field)) return &to;
  return nullptr;
}

}  // namespace

FieldMappings default_field_mappings() {
  FieldMappings out;
  out.entries.push_back({LogSource{.category = "proxy"},
                         {{"c-uri", "url"},
                          {"cs-uri", "url"},
                          {"c-uri-query", "url.query"},
                          {"c-uri-stem", "url.path"},
                          {"c-uri-extension", "url.extension"},
                          {"cs-host", "url.domain"},
                          {"r-dns", "url.domain"},
                          {"c-useragent", "user_agent"},
                          {"cs-method", "method"},
                          {"sc-status", "status"},
                          {"cs-referrer", "referer"},
                          {"sc-bytes", "bytes"},
                          {"cs-username", "user.id"},
                          {"c-ip", "remotehost"},
                          {"src_ip", "remotehost"},
                          {"dst_ip", "peerhost"}}});
  out.entries.push_back({LogSource{.category = "dns"}, {{"record_type", "qtype"}, {"answers", "answer"}}});
  return out;
}

FieldMappings with_defaults(FieldMappings overrides) {
  for (auto& e : default_field_mappings().entries) overrides.entries.push_back(std::move(e));
  return overrides;
}

void apply_field_mappings(const FieldMappings& mappings, Rule& rule) {
  std::vector<const FieldMapping*> applicable;
  for (const auto& m : mappings.entries)
    if (logsource_covers(m.logsource, rule.logsource)) applicable.push_back(&m);
  if (applicable.empty()) return;
  for (auto& selection : rule.selections)
    for (auto& alternative : selection.any_of)
      for (FieldSpec& spec : alternative) {
        if (spec.field.empty()) continue;  // keywords
        if (const std::string* to = mapped(applicable, spec.field)) spec.field = *to;
        if (std::find(spec.modifiers.begin(), spec.modifiers.end(), "fieldref") == spec.modifiers.end()) continue;
        for (RuleValue& v : spec.values)
          if (const std::string* to = mapped(applicable, v.text)) v.text = *to;
      }
}

}  // namespace ward::sigma

// Event field mappings (event_field_aliases.h): the defaults, the choice of a mapping by the
// event's logsource, and the aliasing view.
#include "sigma/event_field_aliases.h"

#include "sigma/field_name.h"

namespace ward::sigma {

FieldMappings default_event_field_mappings() {
  FieldMappings out;
  // pySigma's windows_audit_pipeline (process_creation → Security 4688). The process ids are
  // left out: 4688 writes them in hex, and its ProcessId is the parent's (Sysmon's ParentProcessId).
  out.entries.push_back({LogSource{.product = "windows", .category = "process_creation", .service = "security"},
                         {{"Image", "NewProcessName"},
                          {"ParentImage", "ParentProcessName"},
                          {"User", "SubjectUserName"},
                          {"LogonId", "SubjectLogonId"},
                          {"IntegrityLevel", "MandatoryLabel"}}});
  return out;
}

FieldMappings with_event_defaults(FieldMappings overrides) {
  for (auto& e : default_event_field_mappings().entries) overrides.entries.push_back(std::move(e));
  return overrides;
}

bool AliasedEvent::reset(const EventView& base, const FieldMappings& mappings, const EventLogSource& logsource) {
  base_ = &base;
  aliases_.clear();
  shape_id_ = 0;
  if (logsource.empty()) return false;  // no entry's logsource can apply: the usual case, quick
  for (const FieldMapping& m : mappings.entries) {
    if (!logsource_applies(m.logsource, logsource)) continue;
    for (const auto& [sigma_name, event_field] : m.fields) {
      if (!values_of(sigma_name).empty()) continue;  // the event's own, or an earlier entry's
      const auto values = base.values_of(event_field);
      if (!values.empty()) aliases_.push_back({sigma_name, hash_field_name(sigma_name), values});
    }
  }
  shape_id_ = base.shape_id();
  if (shape_id_ != 0)
    for (const NamedValues& a : aliases_) shape_id_ = add_to_shape_id(shape_id_, a.name);
  return !aliases_.empty();
}

std::span<const FieldValue> AliasedEvent::values_of(std::string_view field, std::uint32_t hash) const {
  if (auto values = base_->values_of(field, hash); !values.empty()) return values;
  for (const NamedValues& a : aliases_)
    if (a.name_hash == hash && same_field_name(a.name, field)) return a.values;
  return {};
}

NamedValues AliasedEvent::named(std::size_t index) const {
  const std::size_t own = base_->name_count();
  return index < own ? base_->named(index) : aliases_[index - own];
}

}  // namespace ward::sigma

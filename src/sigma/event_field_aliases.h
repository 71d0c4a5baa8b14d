// Event field mappings: an event of one source seen under the field names rules of another use.
// Sigma's process_creation rules name Sysmon's fields (Image, ParentImage, User); a Windows
// Security 4688 event (logsource windows/security/process_creation, windows_logsource.h) holds
// the same facts as NewProcessName, ParentProcessName, SubjectUserName — as pySigma's Windows
// audit pipeline maps them. Rule-side mappings (field_mapping.h) cannot do this: one compiled
// rule serves both sources. So EventMatcher shows such an event through AliasedEvent: the event
// as it is, plus each mapped Sigma name reading the event's own field. Defaults are in code
// (default_event_field_mappings, table in docs/detection.md); ward.yaml
// `detection: event_field_mappings:` adds or overrides entries.
#pragma once

#include <string>
#include <vector>

#include "sigma/event_view.h"
#include "sigma/field_mapping.h"
#include "sigma/logsource.h"

namespace ward::sigma {

// Security 4688 → Sysmon's process_creation names.
FieldMappings default_event_field_mappings();

// `overrides` first, then the defaults: for a Sigma name, the first entry wins.
FieldMappings with_event_defaults(FieldMappings overrides);

// An event plus aliases: each (Sigma name → event field) of the entries whose logsource (every
// key it sets) the event's has, where the event holds the field and not the Sigma name, reads
// as that field (for a Sigma name, the first such entry). Keyword search sees each value once
// (aliases add names, not values). Reuse one across events: reset() keeps its memory.
// Not thread-safe; the base event must outlive its use.
class AliasedEvent final : public EventView {
 public:
  // False when no alias applies to the event: then read `base` itself.
  bool reset(const EventView& base, const FieldMappings& mappings, const EventLogSource& logsource);

  using EventView::values_of;
  std::span<const FieldValue> values_of(std::string_view field, std::uint32_t hash) const override;
  std::span<const FieldValue> all_values() const override { return base_->all_values(); }
  std::size_t name_count() const override { return base_->name_count() + aliases_.size(); }
  NamedValues named(std::size_t index) const override;
  // The base's, with the aliases' names added (0 when the base's is not known).
  std::uint64_t shape_id() const override { return shape_id_; }

 private:
  const EventView* base_ = nullptr;
  std::vector<NamedValues> aliases_;
  std::uint64_t shape_id_ = 0;
};

}  // namespace ward::sigma

// What a Sigma matcher sees of an event: field values as text, looked up by name, and the list
// of all values for keyword search. Implemented by FlatEvent (flat_event.h) for JSON hunting and,
// later, by a view over the store's events. Implementations must not allocate per lookup.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "sigma/field_name.h"

namespace ward::sigma {

enum class ValueKind : std::uint8_t { string, number, boolean, null };

struct FieldValue {
  std::string_view text;  // numbers as written ("7", "0.5"), booleans "true"/"false", null ""
  ValueKind kind = ValueKind::string;
};

// One field name of an event (of names equal but for case, the first added) with every value
// the event holds under it; name_hash is hash_field_name(name) (field_name.h).
struct NamedValues {
  std::string_view name;
  std::uint32_t name_hash = 0;
  std::span<const FieldValue> values;
};

// Read-only, used by one thread at a time; the spans live as long as the view.
class EventView {
 public:
  virtual ~EventView() = default;
  // Every value the event holds under `field` (field names compare case-insensitively);
  // empty when the field is absent.
  std::span<const FieldValue> values_of(std::string_view field) const { return values_of(field, hash_field_name(field)); }
  // The same with `hash` = hash_field_name(field), worked out once by the caller (a compiled
  // rule keeps its fields' hashes): matching looks fields up by the dozen per event.
  virtual std::span<const FieldValue> values_of(std::string_view field, std::uint32_t hash) const = 0;
  // Every leaf value once, for keyword selections.
  virtual std::span<const FieldValue> all_values() const = 0;
  // The event's field names, each once with all its values, in no particular order: for
  // reading an event name by name (the prefilter's per-field scan). index < name_count().
  virtual std::size_t name_count() const = 0;
  virtual NamedValues named(std::size_t index) const = 0;
  // Events with the same nonzero shape id have the same name_count() and, at each index, the
  // same named() name: a reader may work out once per shape what it does name by name (the
  // prefilter's fields to scan). 0: not known (the default).
  virtual std::uint64_t shape_id() const { return 0; }
};

// Shape ids (EventView::shape_id) are hashes of the names in order: FNV-1a over each name's
// bytes and its length, starting from kShapeSeed.
inline constexpr std::uint64_t kShapeSeed = 0xcbf29ce484222325ull;
inline std::uint64_t add_to_shape_id(std::uint64_t id, std::string_view name) {
  constexpr std::uint64_t kPrime = 0x100000001b3ull;
  for (char c : name) id = (id ^ static_cast<unsigned char>(c)) * kPrime;
  return (id ^ (name.size() + 0x100)) * kPrime;  // the length: ("ab", "c") is not ("a", "bc")
}

}  // namespace ward::sigma

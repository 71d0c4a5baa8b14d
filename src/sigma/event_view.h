// What a Sigma matcher sees of an event: field values as text, looked up by name, and the list
// of all values for keyword search. Implemented by FlatEvent (flat_event.h) for JSON hunting and,
// later, by a view over the store's events. Implementations must not allocate per lookup.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

namespace ward::sigma {

enum class ValueKind : std::uint8_t { string, number, boolean, null };

struct FieldValue {
  std::string_view text;  // numbers as written ("7", "0.5"), booleans "true"/"false", null ""
  ValueKind kind = ValueKind::string;
};

// Read-only, used by one thread at a time; the spans live as long as the view.
class EventView {
 public:
  virtual ~EventView() = default;
  // Every value the event holds under `field` (field names compare case-insensitively);
  // empty when the field is absent.
  virtual std::span<const FieldValue> values_of(std::string_view field) const = 0;
  // Every leaf value once, for keyword selections.
  virtual std::span<const FieldValue> all_values() const = 0;
  // Every field with its values (a name's values together, in the order added), to show the
  // event to a person (an alert's raw event). Views that cannot list their fields call nothing.
  using FieldVisitor = std::function<void(std::string_view name, std::span<const FieldValue> values)>;
  virtual void for_each_field(const FieldVisitor& visit) const { (void)visit; }
};

}  // namespace ward::sigma

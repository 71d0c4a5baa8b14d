// The field layouts of the last few events a FlatEvent indexed, so that an event with the same
// field names in the same order (Windows events of one EventID) reuses one: its names (no copy),
// their hashes and the lookup index (no probing). Used by FlatEvent (flat_event.h) only.
// Not thread-safe; one per FlatEvent. Bounded: kShapes layouts, the least recently used replaced.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sigma/event_view.h"

namespace ward::sigma {

class EventShapes {
 public:
  static constexpr std::size_t kShapes = 16;

  struct Field {
    std::string_view name;  // in this object's storage when remembered
    std::uint32_t hash;     // hash_field_name(name)
    bool leaf;
  };
  struct Run {
    std::uint32_t hash, begin, count;
  };
  // One event's lookup index as FlatEvent::finish builds it.
  struct Layout {
    std::vector<Run> runs;
    std::vector<std::uint32_t> slots;         // run index + 1; 0: free. Size a power of two
    std::vector<std::string_view> names;      // grouped by run
    std::vector<std::uint32_t> positions;     // per field in the order added: its index in names
    std::uint64_t id = 0;                     // EventView::shape_id of the run names in order
  };

  // A new event: its fields are matched from the first.
  void start();
  // The remembered field equal to the event's next one (same bytes, same leaf flag): its name
  // and hash may be used for the event's. nullptr once the event has left every remembered
  // shape (then for the rest of the event).
  const Field* next(std::string_view name, bool leaf) {
    if (lost_) return nullptr;
    const std::vector<Field>& fields = shapes_[current_].fields;
    if (at_ < fields.size() && same(fields[at_], name, leaf)) return &fields[at_++];
    return next_in_another(name, leaf);
  }
  // The layout of the remembered shape that the event's `count` fields all matched, or nullptr.
  const Layout* matched(std::size_t count);
  // A remembered shape: its place and when it was remembered there (a later shape may replace it).
  struct Ref {
    std::size_t index = 0;
    std::uint64_t remembered = 0;
  };
  // The shape the last event matched or was remembered as (after matched() or remember()).
  Ref current() const { return {current_, shapes_[current_].remembered}; }
  // The layout of `ref`, marked used as matched() marks it, or nullptr when it was replaced.
  const Layout* take(Ref ref);
  // Remembers an event's fields (names copied here) with the layout built for them, replacing
  // the least recently used shape; `layout` gets that shape's old vectors back for reuse.
  // Returns the remembered fields (same order) and layout, valid until the next remember().
  std::pair<std::span<const Field>, const Layout*> remember(std::span<const Field> fields, Layout& layout);

 private:
  struct Shape {
    std::vector<char> text;  // the names, one after another; its buffer never moves
    std::vector<Field> fields;
    Layout layout;
    std::uint64_t used = 0;        // clock of its last use
    std::uint64_t remembered = 0;  // clock when it was remembered
  };
  static bool same(const Field& f, std::string_view name, bool leaf) {
    return f.leaf == leaf && f.name.size() == name.size() && same_bytes(f.name.data(), name.data(), name.size());
  }
  // next() where the shape followed so far does not go on with `name`.
  const Field* next_in_another(std::string_view name, bool leaf);

  std::vector<Shape> shapes_;
  std::vector<char> spare_text_;
  // prefix_[a * kShapes + b]: how many first fields shapes a and b have alike.
  std::vector<std::uint32_t> prefix_ = std::vector<std::uint32_t>(kShapes * kShapes, 0);
  std::uint64_t clock_ = 0;
  std::size_t current_ = 0, at_ = 0;  // the shape the event follows, its next field
  bool lost_ = true;
};

}  // namespace ward::sigma

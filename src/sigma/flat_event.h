// An event as a flat list of (field name, value) pairs, for matching JSON records. Built by
// json_events.cc; names and values are views into the parsed document or into the event's own
// buffer. Reuse one FlatEvent across records: clear() keeps its memory and the shapes of recent
// records (event_shapes.h), whose index a record of the same field names is given.
// Not thread-safe; one per reading thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sigma/event_shapes.h"
#include "sigma/event_view.h"
#include "sigma/field_name.h"

namespace ward::sigma {

class FlatEvent final : public EventView {
 public:
  void clear();
  // add keeps its own copy of `name`; a string `value.text` must stay valid until clear() (the
  // parsed document). add_kept keeps both as given: both must stay valid until clear() (a key
  // of the parsed document: no copy). add_copy copies both.
  void add(std::string_view name, FieldValue value, bool leaf = true);
  void add_kept(std::string_view name, FieldValue value, bool leaf = true);
  void add_copy(std::string_view name, std::string_view text, ValueKind kind, bool leaf = true);
  // A leaf's value seen by all_values() (keyword search) under no name: a value the event holds
  // under another name already (a Windows export's Image, not Event.EventData.Image). Its text
  // must stay valid until clear().
  [[gnu::always_inline]] void add_unnamed_leaf(FieldValue value) {
    if (value.text.data() == nullptr) value.text = "";
    if (leaf_count_ == leaves_.size()) [[unlikely]]
      grow_leaves();
    leaves_[leaf_count_++] = value;
  }
  // A copy of `text` that stays in place until clear(): blocks of the arena are never moved,
  // and are kept for the next event (the largest event read bounds them).
  std::string_view keep(std::string_view text);
  // Call once after the last add and before any lookup.
  void finish();
  // Replaying an event of a shape seen lately (json_flattener.h). shape(): the shape of the
  // finished event, and where each field added went among its fields (size(), name(i)).
  // take_shape(): right after clear(), this event gets that shape's names and index, and its
  // fields' values (in that order) and `leaves` leaves to be set in place — texts never null;
  // no add nor finish. nullopt, and nothing done, when the shape has been forgotten.
  struct TakenShape {
    std::span<FieldValue> fields, leaves;
  };
  EventShapes::Ref shape() const { return shapes_.current(); }
  std::span<const std::uint32_t> positions() const { return layout_->positions; }
  std::optional<TakenShape> take_shape(EventShapes::Ref shape, std::size_t leaves);
  // Makes this a finished copy of `other` that owns all its text (a match kept after its
  // document is gone: hunting on several threads).
  void assign_copy(const FlatEvent& other);

  using EventView::values_of;
  std::span<const FieldValue> values_of(std::string_view field, std::uint32_t hash) const override;
  std::span<const FieldValue> all_values() const override;
  std::size_t name_count() const override { return layout_->runs.size(); }
  NamedValues named(std::size_t index) const override {
    const Run& run = layout_->runs[index];
    return {layout_->names[run.begin], run.hash, {values_.data() + run.begin, run.count}};
  }
  std::uint64_t shape_id() const override { return layout_->id; }

  // Fields after finish, grouped by name (names that differ only in case together), names in
  // the order they first came; values of one name in the order they were added.
  std::size_t size() const { return values_.size(); }
  std::string_view name(std::size_t i) const { return layout_->names[i]; }
  const FieldValue& value(std::size_t i) const { return values_[i]; }

 private:
  using Run = EventShapes::Run;
  struct Pending {
    EventShapes::Field field;  // name, its hash, leaf
    FieldValue value;
  };
  // Written in place (no vector::push_back call per field: 5% of a one-rule hunt's samples),
  // and always inline: g++ made it a call, and the FieldValue passed through the stack stalled
  // as above (16% of the samples).
  [[gnu::always_inline]] void add_field(std::string_view name, std::uint32_t hash, FieldValue value, bool leaf) {
    if (value.text.data() == nullptr) value.text = "";
    if (pending_count_ == pending_.size()) [[unlikely]]
      grow_pending();
    Pending& p = pending_[pending_count_++];
    p.field = {name, hash, leaf};
    p.value = value;
    if (leaf) add_unnamed_leaf(value);
  }
  void grow_pending();
  void grow_leaves();
  // The index of an event whose shape is not remembered: built in building_, then remembered.
  void build_layout();
  static constexpr std::size_t kBlockBytes = 16 * 1024;
  struct Block {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
  };
  std::vector<Block> blocks_;
  std::size_t block_ = 0, block_used_ = 0;  // the block being filled and its bytes taken
  std::vector<Pending> pending_;  // the first pending_count_ are the event's
  std::size_t pending_count_ = 0;
  // Lookup index, set by finish(): an open-addressing table over the hash of the case-folded
  // name, each used slot naming one run of names/values_ that holds every value of one name
  // (names equal but for case together), in the order they were added. It belongs to shapes_
  // (the layout of the last event with the same names in the same order) and is not copied.
  EventShapes shapes_;
  EventShapes::Layout building_;
  std::vector<EventShapes::Field> fields_;      // scratch for shapes_.remember
  std::vector<std::uint32_t> pending_runs_;     // parallel to pending_: index into building_.runs
  static const EventShapes::Layout kEmpty;
  const EventShapes::Layout* layout_ = &kEmpty;
  std::vector<FieldValue> values_;       // parallel to layout_->names
  std::vector<FieldValue> leaves_;       // the first leaf_count_ are the event's leaves, in the order added
  std::size_t leaf_count_ = 0;
};

// Inline: a FieldValue passed through a call was stored piecewise and reloaded whole, a stalled
// store forward on every field (58% of Flattener::add_scalar's samples).
// A name the last events had at this place is not copied (a document's path, "Event.System.
// EventID", is the same in every event) nor hashed again.
[[gnu::always_inline]] inline void FlatEvent::add(std::string_view name, FieldValue value, bool leaf) {
  if (const EventShapes::Field* known = shapes_.next(name, leaf)) return add_field(known->name, known->hash, value, leaf);
  const std::string_view kept = keep(name);
  add_field(kept, hash_field_name(kept), value, leaf);
}

[[gnu::always_inline]] inline void FlatEvent::add_kept(std::string_view name, FieldValue value, bool leaf) {
  if (const EventShapes::Field* known = shapes_.next(name, leaf)) return add_field(known->name, known->hash, value, leaf);
  add_field(name, hash_field_name(name), value, leaf);
}

}  // namespace ward::sigma

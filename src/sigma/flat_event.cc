// FlatEvent (flat_event.h): fields kept as views or in the event's arena, and the hashed index by
// case-folded name that values_of() probes.
#include "sigma/flat_event.h"

#include <algorithm>
#include <cstring>

namespace ward::sigma {

const EventShapes::Layout FlatEvent::kEmpty{};

void FlatEvent::clear() {
  block_ = 0;
  block_used_ = 0;
  pending_count_ = 0;
  values_.clear();
  leaf_count_ = 0;
  layout_ = &kEmpty;
  shapes_.start();
}

void FlatEvent::grow_pending() { pending_.resize(std::max<std::size_t>(64, pending_.size() * 2)); }
void FlatEvent::grow_leaves() { leaves_.resize(std::max<std::size_t>(64, leaves_.size() * 2)); }

std::string_view FlatEvent::keep(std::string_view text) {
  if (text.empty()) return "";
  while (block_ < blocks_.size() && blocks_[block_].size - block_used_ < text.size()) {
    ++block_;
    block_used_ = 0;
  }
  if (block_ == blocks_.size()) {
    const std::size_t size = std::max(kBlockBytes, text.size());
    blocks_.push_back({std::make_unique<char[]>(size), size});
  }
  char* at = blocks_[block_].bytes.get() + block_used_;
  std::memcpy(at, text.data(), text.size());
  block_used_ += text.size();
  return {at, text.size()};
}

void FlatEvent::add_copy(std::string_view name, std::string_view text, ValueKind kind, bool leaf) {
  add(name, {keep(text), kind}, leaf);
}

void FlatEvent::finish() {
  const std::size_t n = pending_count_;
  layout_ = shapes_.matched(n);
  if (layout_ == nullptr) build_layout();
  values_.resize(n);
  const std::uint32_t* positions = layout_->positions.data();
  for (std::size_t i = 0; i < n; ++i) {
    const Pending& p = pending_[i];
    values_[positions[i]] = p.value;
  }
}

void FlatEvent::build_layout() {
  const std::size_t n = pending_count_;
  EventShapes::Layout& out = building_;
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity *= 2;  // at most half full: short probes
  const std::size_t mask = capacity - 1;
  out.slots.assign(capacity, 0);
  out.runs.clear();
  pending_runs_.resize(n);
  // Each field to the run of its name (a new run for a name not seen yet), counting values.
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t hash = pending_[i].field.hash;
    const std::string_view name = pending_[i].field.name;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      if (out.slots[at] == 0) {
        out.runs.push_back({hash, static_cast<std::uint32_t>(i), 1});
        out.slots[at] = static_cast<std::uint32_t>(out.runs.size());
        pending_runs_[i] = static_cast<std::uint32_t>(out.runs.size() - 1);
        break;
      }
      Run& run = out.runs[out.slots[at] - 1];
      // Until placed below, a run's `begin` is the index of its first field in pending_.
      if (run.hash == hash && same_field_name(pending_[run.begin].field.name, name)) {
        ++run.count;
        pending_runs_[i] = out.slots[at] - 1;
        break;
      }
    }
  }
  // Runs laid out one after another in the order their names first came; `count` is used as
  // the fill mark and ends where it started.
  std::uint32_t next = 0;
  for (Run& run : out.runs) {
    run.begin = next;
    next += run.count;
    run.count = 0;
  }
  out.names.resize(n);
  out.positions.resize(n);
  fields_.clear();
  for (std::size_t i = 0; i < n; ++i) {
    Run& run = out.runs[pending_runs_[i]];
    out.positions[i] = run.begin + run.count++;
    fields_.push_back(pending_[i].field);
  }
  // The names now live in shapes_ (the views in pending_ may point into a shape it replaces).
  const auto [fields, layout] = shapes_.remember(fields_, building_);
  for (std::size_t i = 0; i < n; ++i) pending_[i].field.name = fields[i].name;
  layout_ = layout;
}

std::optional<FlatEvent::TakenShape> FlatEvent::take_shape(EventShapes::Ref shape, std::size_t leaves) {
  const EventShapes::Layout* layout = shapes_.take(shape);
  if (layout == nullptr) return std::nullopt;
  layout_ = layout;
  values_.resize(layout->names.size());
  if (leaves_.size() < leaves) leaves_.resize(std::max(leaves, 2 * leaves_.size()));
  leaf_count_ = leaves;
  return TakenShape{values_, {leaves_.data(), leaves}};
}

void FlatEvent::assign_copy(const FlatEvent& other) {
  clear();
  // In the order of other's fields (names grouped), which gives the same order again; other's
  // fields as added are not kept when it took its shape (take_shape).
  for (std::size_t i = 0; i < other.size(); ++i) add_copy(other.name(i), other.value(i).text, other.value(i).kind, false);
  for (const FieldValue& v : other.all_values()) add_unnamed_leaf({keep(v.text), v.kind});
  finish();
}

std::span<const FieldValue> FlatEvent::values_of(std::string_view field, std::uint32_t hash) const {
  const std::vector<std::uint32_t>& slots = layout_->slots;
  if (slots.empty()) return {};
  const std::size_t mask = slots.size() - 1;
  for (std::size_t at = hash & mask; slots[at] != 0; at = (at + 1) & mask) {
    const Run& run = layout_->runs[slots[at] - 1];
    if (run.hash == hash && same_field_name(layout_->names[run.begin], field)) return {values_.data() + run.begin, run.count};
  }
  return {};
}

std::span<const FieldValue> FlatEvent::all_values() const { return {leaves_.data(), leaf_count_}; }

}  // namespace ward::sigma

// FlatEvent (flat_event.h): fields kept as views or in the event's arena, and the hashed index by
// case-folded name that values_of() probes.
#include "sigma/flat_event.h"

namespace ward::sigma {

void FlatEvent::clear() {
  arena_.clear();
  pending_.clear();
  pending_hashes_.clear();
  runs_.clear();
  slots_.clear();
  names_.clear();
  values_.clear();
  leaves_.clear();
}

FlatEvent::Slice FlatEvent::keep(std::string_view text) {
  Slice s{nullptr, arena_.size(), text.size()};
  arena_ += text;
  return s;
}

std::string_view FlatEvent::view(const Slice& s) const {
  return s.data != nullptr ? std::string_view(s.data, s.length) : std::string_view(arena_).substr(s.offset, s.length);
}

void FlatEvent::add(std::string_view name, FieldValue value, bool leaf) {
  const char* text = value.text.data() != nullptr ? value.text.data() : "";
  pending_hashes_.push_back(hash_field_name(name));
  pending_.push_back({keep(name), Slice{text, 0, value.text.size()}, value.kind, leaf});
}

void FlatEvent::add_copy(std::string_view name, std::string_view text, ValueKind kind, bool leaf) {
  pending_hashes_.push_back(hash_field_name(name));
  const Slice n = keep(name);
  pending_.push_back({n, keep(text), kind, leaf});
}

void FlatEvent::finish() {
  const std::size_t n = pending_.size();
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity *= 2;  // at most half full: short probes
  const std::size_t mask = capacity - 1;
  slots_.assign(capacity, 0);
  runs_.clear();
  pending_runs_.resize(n);
  // Each field to the run of its name (a new run for a name not seen yet), counting values.
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t hash = pending_hashes_[i];
    const std::string_view name = view(pending_[i].name);
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      if (slots_[at] == 0) {
        runs_.push_back({hash, static_cast<std::uint32_t>(i), 1});
        slots_[at] = static_cast<std::uint32_t>(runs_.size());
        pending_runs_[i] = static_cast<std::uint32_t>(runs_.size() - 1);
        break;
      }
      Run& run = runs_[slots_[at] - 1];
      // Until placed below, a run's `begin` is the index of its first field in pending_.
      if (run.hash == hash && same_field_name(view(pending_[run.begin].name), name)) {
        ++run.count;
        pending_runs_[i] = slots_[at] - 1;
        break;
      }
    }
  }
  // Runs laid out one after another in the order their names first came; `count` is used as
  // the fill mark and ends where it started.
  std::uint32_t next = 0;
  for (Run& run : runs_) {
    run.begin = next;
    next += run.count;
    run.count = 0;
  }
  names_.resize(n);
  values_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Pending& p = pending_[i];
    Run& run = runs_[pending_runs_[i]];
    const std::size_t at = run.begin + run.count++;
    names_[at] = view(p.name);
    values_[at] = {view(p.text), p.kind};
    if (p.leaf) leaves_.push_back(values_[at]);
  }
}

void FlatEvent::assign_copy(const FlatEvent& other) {
  clear();
  for (const Pending& p : other.pending_) add_copy(other.view(p.name), other.view(p.text), p.kind, p.leaf);
  finish();
}

std::span<const FieldValue> FlatEvent::values_of(std::string_view field, std::uint32_t hash) const {
  if (slots_.empty()) return {};
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask; slots_[at] != 0; at = (at + 1) & mask) {
    const Run& run = runs_[slots_[at] - 1];
    if (run.hash == hash && same_field_name(names_[run.begin], field)) return {values_.data() + run.begin, run.count};
  }
  return {};
}

std::span<const FieldValue> FlatEvent::all_values() const { return leaves_; }

}  // namespace ward::sigma

// FlatEvent (flat_event.h): fields kept as views or in the event's arena, and the hashed index by
// case-folded name that values_of() probes.
#include "sigma/flat_event.h"

#include <algorithm>
#include <cstring>

namespace ward::sigma {

void FlatEvent::clear() {
  block_ = 0;
  block_used_ = 0;
  pending_.clear();
  runs_.clear();
  slots_.clear();
  names_.clear();
  values_.clear();
  leaves_.clear();
}

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

void FlatEvent::add(std::string_view name, FieldValue value, bool leaf) {
  add_kept(keep(name), value, leaf);
}

void FlatEvent::add_kept(std::string_view name, FieldValue value, bool leaf) {
  if (value.text.data() == nullptr) value.text = "";
  pending_.push_back({name, value, hash_field_name(name), leaf});
}

void FlatEvent::add_copy(std::string_view name, std::string_view text, ValueKind kind, bool leaf) {
  const std::string_view kept_name = keep(name);
  add_kept(kept_name, {keep(text), kind}, leaf);
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
    const std::uint32_t hash = pending_[i].hash;
    const std::string_view name = pending_[i].name;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      if (slots_[at] == 0) {
        runs_.push_back({hash, static_cast<std::uint32_t>(i), 1});
        slots_[at] = static_cast<std::uint32_t>(runs_.size());
        pending_runs_[i] = static_cast<std::uint32_t>(runs_.size() - 1);
        break;
      }
      Run& run = runs_[slots_[at] - 1];
      // Until placed below, a run's `begin` is the index of its first field in pending_.
      if (run.hash == hash && same_field_name(pending_[run.begin].name, name)) {
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
    names_[at] = p.name;
    values_[at] = p.value;
    if (p.leaf) leaves_.push_back(values_[at]);
  }
}

void FlatEvent::assign_copy(const FlatEvent& other) {
  clear();
  for (const Pending& p : other.pending_) add_copy(p.name, p.value.text, p.value.kind, p.leaf);
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

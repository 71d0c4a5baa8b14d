#include "sigma/flat_event.h"

#include <algorithm>

#include "sigma/string_predicate.h"

namespace ward::sigma {

int compare_field_names(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = fold_ascii(a[i]), y = fold_ascii(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

void FlatEvent::clear() {
  arena_.clear();
  pending_.clear();
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
  pending_.push_back({keep(name), Slice{text, 0, value.text.size()}, value.kind, leaf});
}

void FlatEvent::add_copy(std::string_view name, std::string_view text, ValueKind kind, bool leaf) {
  const Slice n = keep(name);
  pending_.push_back({n, keep(text), kind, leaf});
}

void FlatEvent::finish() {
  order_.resize(pending_.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
    return compare_field_names(view(pending_[a].name), view(pending_[b].name)) < 0;
  });
  for (std::size_t i : order_) {
    const Pending& p = pending_[i];
    names_.push_back(view(p.name));
    values_.push_back({view(p.text), p.kind});
  }
  for (const Pending& p : pending_)
    if (p.leaf) leaves_.push_back({view(p.text), p.kind});
}

std::span<const FieldValue> FlatEvent::values_of(std::string_view field) const {
  const auto lo = std::lower_bound(names_.begin(), names_.end(), field,
                                   [](std::string_view a, std::string_view b) { return compare_field_names(a, b) < 0; });
  auto hi = lo;
  while (hi != names_.end() && compare_field_names(*hi, field) == 0) ++hi;
  const auto first = static_cast<std::size_t>(lo - names_.begin());
  return {values_.data() + first, static_cast<std::size_t>(hi - lo)};
}

std::span<const FieldValue> FlatEvent::all_values() const { return leaves_; }

}  // namespace ward::sigma

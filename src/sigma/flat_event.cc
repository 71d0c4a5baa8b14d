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

std::uint32_t hash_field_name(std::string_view name) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (char c : name) h = (h ^ static_cast<unsigned char>(fold_ascii(c))) * 16777619u;
  return h;
}

void FlatEvent::clear() {
  arena_.clear();
  pending_.clear();
  hashes_.clear();
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
  for (std::size_t i = 0; i < order_.size(); ++i)
    order_[i] = {hash_field_name(view(pending_[i].name)), static_cast<std::uint32_t>(i)};
  std::sort(order_.begin(), order_.end(), [&](const Key& a, const Key& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    if (const int c = compare_field_names(view(pending_[a.index].name), view(pending_[b.index].name)); c != 0) return c < 0;
    return a.index < b.index;
  });
  for (const Key& k : order_) {
    const Pending& p = pending_[k.index];
    hashes_.push_back(k.hash);
    names_.push_back(view(p.name));
    values_.push_back({view(p.text), p.kind});
  }
  for (const Pending& p : pending_)
    if (p.leaf) leaves_.push_back({view(p.text), p.kind});
}

void FlatEvent::assign_copy(const FlatEvent& other) {
  clear();
  for (const Pending& p : other.pending_) add_copy(other.view(p.name), other.view(p.text), p.kind, p.leaf);
  finish();
}

std::span<const FieldValue> FlatEvent::values_of(std::string_view field) const {
  const std::uint32_t hash = hash_field_name(field);
  auto at = static_cast<std::size_t>(std::lower_bound(hashes_.begin(), hashes_.end(), hash) - hashes_.begin());
  while (at < hashes_.size() && hashes_[at] == hash && compare_field_names(names_[at], field) != 0) ++at;
  std::size_t end = at;
  while (end < hashes_.size() && hashes_[end] == hash && compare_field_names(names_[end], field) == 0) ++end;
  return {values_.data() + at, end - at};
}

std::span<const FieldValue> FlatEvent::all_values() const { return leaves_; }

void FlatEvent::for_each_field(const FieldVisitor& visit) const {
  for (std::size_t i = 0; i < size();) {
    std::size_t end = i + 1;
    while (end < size() && compare_field_names(name(end), name(i)) == 0) ++end;
    visit(name(i), std::span<const FieldValue>(&value(i), end - i));
    i = end;
  }
}

}  // namespace ward::sigma

// How events and rules compare field names: ASCII case-insensitively ("Image" is "image"),
// with a hash of the case-folded name that is equal for names that compare equal. FlatEvent
// indexes its fields by it; the prefilter finds its per-field literal tables by it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "sigma/string_predicate.h"

namespace ward::sigma {

// Case-insensitive (ASCII) ordering of field names.
inline int compare_field_names(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = fold_ascii(a[i]), y = fold_ascii(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// FNV-1a of the case-folded name.
inline std::uint32_t hash_field_name(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(fold_ascii(c))) * 16777619u;
  return h;
}

}  // namespace ward::sigma

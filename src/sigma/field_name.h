// How events and rules compare field names: ASCII case-insensitively ("Image" is "image"),
// with a hash of the case-folded name that is equal for names that compare equal. FlatEvent
// indexes its fields by it; the prefilter finds its per-field literal tables by it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
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

// Equal names but for ASCII case; names are nearly always written alike, so bytes first.
inline bool same_field_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (std::memcmp(a.data(), b.data(), a.size()) == 0 || same_ignoring_case(a, b));
}

// A hash of the name with every byte's 0x20 bit set, which folds ASCII letters (and makes a
// few other bytes collide, which the compare above tells apart): eight bytes at a time, as it
// runs for every field of every event.
inline std::uint32_t hash_field_name(std::string_view name) {
  constexpr std::uint64_t kFold = 0x2020202020202020ull, kMultiplier = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = name.size() * kMultiplier;
  std::size_t i = 0;
  for (; i + 8 <= name.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, name.data() + i, 8);
    h = (h ^ (chunk | kFold)) * kMultiplier;
    h ^= h >> 29;
  }
  if (i < name.size()) {
    std::uint64_t chunk = 0;
    std::memcpy(&chunk, name.data() + i, name.size() - i);
    h = (h ^ (chunk | kFold)) * kMultiplier;  // the zero bytes past the end fold alike for all names
    h ^= h >> 29;
  }
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

}  // namespace ward::sigma

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

// n bytes alike, compared inline a word at a time with fixed-size loads: names are short and
// compared thousands of times per event, and a libc memcmp call each cost more than the compare.
[[gnu::always_inline]] inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  auto word = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    if (word(a + i) != word(b + i)) return false;
  if (i == n) return true;
  if (n >= 8) return word(a + n - 8) == word(b + n - 8);  // the last word, overlapping the one before
  if (n >= 4) {  // two 4-byte words that overlap
    std::uint32_t x0, x1, y0, y1;
    std::memcpy(&x0, a, 4);
    std::memcpy(&y0, b, 4);
    std::memcpy(&x1, a + n - 4, 4);
    std::memcpy(&y1, b + n - 4, 4);
    return x0 == y0 && x1 == y1;
  }
  return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];  // 1 to 3 bytes
}

// Equal names but for ASCII case; names are nearly always written alike, so bytes first.
inline bool same_field_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (same_bytes(a.data(), b.data(), a.size()) || same_ignoring_case(a, b));
}

// A hash of a text eight bytes at a time, each word with the bits of kSetBits set first (0:
// every bit counts), as it runs for every field of every event and every value the prefilter
// remembers (literal_memo.h). The last bytes are read with fixed-size loads (a memcpy of a
// variable size into a word stalls the load that follows it), as the low bytes of a word with
// zeros above them.
template <std::uint64_t kSetBits>
inline std::uint64_t hash_words(std::string_view text) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
  const std::size_t n = text.size();
  const char* const p = text.data();
  std::uint64_t h = n * kMultiplier;
  auto mix = [&](std::uint64_t chunk) {
    h = (h ^ (chunk | kSetBits)) * kMultiplier;  // the zero bytes past the end are alike for all texts
    h ^= h >> 29;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, p + i, 8);
    mix(chunk);
  }
  if (const std::size_t rest = n - i; rest > 0) {
    std::uint64_t chunk = 0;
    if (n >= 8) {  // the word ending at the text's end, its first 8 - rest bytes shifted out
      std::memcpy(&chunk, p + n - 8, 8);
      chunk >>= 8 * (8 - rest);
    } else if (rest >= 4) {  // two 4-byte words that overlap
      std::uint32_t low, high;
      std::memcpy(&low, p, 4);
      std::memcpy(&high, p + rest - 4, 4);
      chunk = low | (std::uint64_t{high} << (8 * (rest - 4)));
    } else {  // 1 to 3 bytes: the first, the middle and the last
      const auto byte = [&](std::size_t k) { return std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k); };
      chunk = byte(0) | byte(rest / 2) | byte(rest - 1);
    }
    mix(chunk);
  }
  return h ^ (h >> 32);
}

// A hash of the name with every byte's 0x20 bit set, which folds ASCII letters (and makes a
// few other bytes collide, which the compare above tells apart).
inline std::uint32_t hash_field_name(std::string_view name) {
  return static_cast<std::uint32_t>(hash_words<0x2020202020202020ull>(name));
}

}  // namespace ward::sigma

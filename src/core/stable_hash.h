// A 64-bit FNV-1a hash of text: the same value on every build and machine, for hashes that are
// stored or shown (ids made from text, the store's explanation texts), where std::hash, which
// may change between library versions, will not do.
#pragma once

#include <cstdint>
#include <string_view>

namespace ward {

inline constexpr std::uint64_t kStableHashSeed = 14695981039346656037ull;

// `seed` continues an earlier hash: stable_hash(b, stable_hash(a)) hashes a then b.
constexpr std::uint64_t stable_hash(std::string_view text, std::uint64_t seed = kStableHashSeed) {
  std::uint64_t h = seed;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace ward

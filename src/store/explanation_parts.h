// How the store keeps each access's explanation: one row per part of 512 seqs
// (access_explanation_parts, migration 0031) holding a blob with one 32-bit little-endian value
// per seq of the part — 0 when the event has no explanation, else
// (explanation_texts.id << 1) | explained. A full run over 3.9 million accesses writes ~7,700
// rows instead of 3.9 million (docs/benchmarks.md), and SQL reads a value with ward_u32_at. A
// part's 2 KB fit in a page of the table (4 KB pages included): SQLite hands a function the blob
// where it lies, where a blob on overflow pages is put together anew for every call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ward::store::explanation_parts {

inline constexpr int kPartBits = 9;
inline constexpr std::int64_t kPartSeqs = std::int64_t{1} << kPartBits;

inline std::int64_t part_of(std::int64_t seq) { return seq >> kPartBits; }
inline std::size_t slot_of(std::int64_t seq) { return static_cast<std::size_t>(seq & (kPartSeqs - 1)); }

inline constexpr std::int64_t kMaxTextId = std::int64_t{1} << 31;  // text ids are below it

// The value for an access explained (or not) by the text with this id (> 0, < kMaxTextId).
inline std::uint32_t pack(std::int64_t text_id, bool explained) {
  return (static_cast<std::uint32_t>(text_id) << 1) | (explained ? 1u : 0u);
}
inline std::int64_t text_id_of(std::uint32_t value) { return value >> 1; }
inline bool explained_of(std::uint32_t value) { return (value & 1u) != 0; }

// The value at `slot` of a part's blob; 0 beyond its end.
std::uint32_t value_at(std::string_view blob, std::size_t slot);
// Sets the value at `slot`, growing the blob with zeros to reach it.
void put(std::string& blob, std::size_t slot, std::uint32_t value);
// Writes one value's 4 bytes at `at`.
void encode(char* at, std::uint32_t value);

}  // namespace ward::store::explanation_parts

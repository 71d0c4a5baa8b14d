// LiteralMemo (literal_memo.h): the hash, and the direct-mapped slots.
#include "sigma/literal_memo.h"

#include <cstring>

#include "sigma/field_name.h"

namespace ward::sigma {

std::uint64_t LiteralMemo::hash(std::string_view text) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
  const std::size_t n = text.size();
  const char* const p = text.data();
  std::uint64_t h = (n + 1) * kMultiplier;
  auto mix = [&](std::uint64_t chunk) {
    h = (h ^ chunk) * kMultiplier;
    h ^= h >> 29;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, p + i, 8);
    mix(chunk);
  }
  if (i < n) {  // the last 1 to 7 bytes, one at a time (the length is in the seed)
    std::uint64_t chunk = 0;
    for (std::size_t k = i; k < n; ++k) chunk = chunk << 8 | static_cast<unsigned char>(p[k]);
    mix(chunk);
  }
  return h ^ (h >> 32);
}

namespace {

// The slot of a text in a table: the table's address mixed in, since fields often hold the same
// texts (Image and ParentImage, User and ParentUser) and would take each other's slot.
std::size_t slot_of(const void* table, std::uint64_t hash) {
  const auto mixed = hash ^ (reinterpret_cast<std::uintptr_t>(table) >> 4) * 0x9E3779B97F4A7C15ull;
  return static_cast<std::size_t>(mixed ^ (mixed >> 32)) & (LiteralMemo::kSlots - 1);
}

}  // namespace

const std::vector<std::uint32_t>* LiteralMemo::find(const void* table, std::string_view text, std::uint64_t hash) const {
  if (entries_.empty()) return nullptr;
  const Entry& e = entries_[slot_of(table, hash)];
  if (e.table != table || e.hash != hash || e.text.size() != text.size() || !same_bytes(e.text.data(), text.data(), text.size()))
    return nullptr;
  return &e.ids;
}

void LiteralMemo::remember(const void* table, std::string_view text, std::uint64_t hash, std::span<const std::uint32_t> ids) {
  if (text.size() > kLongestText) return;
  if (entries_.empty()) entries_.resize(kSlots);
  Entry& e = entries_[slot_of(table, hash)];
  e.table = table;
  e.hash = hash;
  e.text.assign(text);  // the slot's buffers are reused
  e.ids.assign(ids.begin(), ids.end());
}

}  // namespace ward::sigma

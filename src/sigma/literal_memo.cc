// LiteralMemo (literal_memo.h): the hash, and the direct-mapped slots.
#include "sigma/literal_memo.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "sigma/field_name.h"

namespace ward::sigma {

std::uint64_t LiteralMemo::hash(std::string_view text) { return hash_words<0>(text); }

namespace {

// The slot of a text in a table: the table's address mixed in, since fields often hold the same
// texts (Image and ParentImage, User and ParentUser) and would take each other's slot.
std::size_t slot_of(const void* table, std::uint64_t hash) {
  const auto mixed = hash ^ (reinterpret_cast<std::uintptr_t>(table) >> 4) * 0x9E3779B97F4A7C15ull;
  return static_cast<std::size_t>(mixed ^ (mixed >> 32)) & (LiteralMemo::kSlots - 1);
}

}  // namespace

std::optional<std::span<const std::uint32_t>> LiteralMemo::find(const void* table, std::string_view text,
                                                                std::uint64_t hash) const {
  if (slots_.empty()) return std::nullopt;
  const Slot& slot = slots_[slot_of(table, hash)];
  if (slot.hash != hash || slot.block == nullptr) return std::nullopt;
  Header header;
  std::memcpy(&header, slot.block.get(), sizeof header);
  const char* ids = slot.block.get() + sizeof(Header);
  const char* kept = ids + sizeof(std::uint32_t) * header.id_count;
  if (header.table != table || header.text_size != text.size() || !same_bytes(kept, text.data(), text.size()))
    return std::nullopt;
  return std::span<const std::uint32_t>(reinterpret_cast<const std::uint32_t*>(ids), header.id_count);
}

void LiteralMemo::remember(const void* table, std::string_view text, std::uint64_t hash, std::span<const std::uint32_t> ids) {
  if (text.size() > kLongestText) return;
  if (slots_.empty()) slots_.resize(kSlots);
  Slot& slot = slots_[slot_of(table, hash)];
  const std::size_t size = sizeof(Header) + sizeof(std::uint32_t) * ids.size() + text.size();
  Header header{table, static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(ids.size()), 0};
  if (slot.block != nullptr) std::memcpy(&header.capacity, slot.block.get() + offsetof(Header, capacity), sizeof header.capacity);
  if (slot.block == nullptr || header.capacity < size) {  // the slot's block is reused when large enough
    header.capacity = static_cast<std::uint32_t>(std::max<std::size_t>(size, 128));
    slot.block = std::make_unique_for_overwrite<char[]>(header.capacity);
  }
  char* at = slot.block.get();
  std::memcpy(at, &header, sizeof header);
  at += sizeof header;
  if (!ids.empty()) std::memcpy(at, ids.data(), sizeof(std::uint32_t) * ids.size());
  at += sizeof(std::uint32_t) * ids.size();
  std::memcpy(at, text.data(), text.size());
  slot.hash = hash;
}

}  // namespace ward::sigma

// LiteralMemo (literal_memo.h): the hash, and the direct-mapped slots.
#include "sigma/literal_memo.h"

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

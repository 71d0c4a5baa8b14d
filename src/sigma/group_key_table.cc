// Keys → ids with linear probing and an arena of keys (group_key_table.h).
#include "sigma/group_key_table.h"

#include <cstring>
#include <functional>
#include <limits>

namespace ward::sigma {
namespace {

constexpr std::size_t kFirstSlots = 16;
constexpr std::size_t kMinCompaction = 4096;  // arena bytes below which erased keys are left

// Lengths as LEB128: one byte for keys below 128 bytes.
std::size_t prefix_size(std::size_t n) {
  std::size_t bytes = 1;
  for (; n >= 0x80; n >>= 7) ++bytes;
  return bytes;
}

std::string_view read_key(const std::vector<char>& arena, std::uint32_t offset) {
  std::size_t n = 0;
  int shift = 0;
  std::size_t at = offset;
  for (;; shift += 7) {
    const auto byte = static_cast<unsigned char>(arena[at++]);
    n |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  return {arena.data() + at, n};
}

}  // namespace

GroupKeyTable::GroupKeyTable(HashFunction hash) : hash_(hash) {}

std::uint64_t GroupKeyTable::hash_of(std::string_view key) const {
  if (hash_ != nullptr) return hash_(key);
  std::uint64_t h = std::hash<std::string_view>()(key);
  h ^= h >> 29;  // mixed, as the table uses the low bits alone
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 32);
}

std::size_t GroupKeyTable::home(std::string_view key) const {
  return static_cast<std::size_t>(hash_of(key)) & (slots_.size() - 1);
}

std::string_view GroupKeyTable::key(std::uint32_t id) const { return read_key(arena_, offsets_[id]); }

std::uint32_t GroupKeyTable::find(std::string_view key) const {
  if (slots_.empty()) return kNone;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = home(key);; i = (i + 1) & mask) {
    const std::uint32_t slot = slots_[i];
    if (slot == 0) return kNone;
    if (this->key(slot - 1) == key) return slot - 1;
  }
}

std::uint32_t GroupKeyTable::insert(std::string_view key) {
  const std::size_t need = prefix_size(key.size()) + key.size();
  if (garbage_ > kMinCompaction && garbage_ * 2 > arena_.size()) compact_arena();
  if (arena_.size() + need > std::numeric_limits<std::uint32_t>::max()) return kNone;
  if ((size_ + 1) * 4 > slots_.size() * 3) grow_slots();  // load at most 3/4
  std::uint32_t id;
  if (!free_ids_.empty()) {
    id = free_ids_.back();
    free_ids_.pop_back();
  } else {
    id = static_cast<std::uint32_t>(offsets_.size());
    offsets_.push_back(kNone);
  }
  offsets_[id] = static_cast<std::uint32_t>(arena_.size());
  append_key(key);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = home(key);
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = id + 1;
  ++size_;
  return id;
}

void GroupKeyTable::append_key(std::string_view key) {
  const std::size_t need = prefix_size(key.size()) + key.size();
  if (arena_.size() + need > arena_.capacity())  // grow by half, not double: a million keys' worth
    arena_.reserve(std::max(arena_.size() + need, arena_.capacity() + arena_.capacity() / 2));
  for (std::size_t n = key.size();; n >>= 7) {
    arena_.push_back(static_cast<char>((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)));
    if (n < 0x80) break;
  }
  arena_.insert(arena_.end(), key.begin(), key.end());
}

void GroupKeyTable::erase(std::uint32_t id) {
  const std::string_view k = key(id);
  const std::size_t mask = slots_.size() - 1;
  std::size_t hole = home(k);
  while (slots_[hole] != id + 1) hole = (hole + 1) & mask;
  // Backward shift: move up every later key of the run whose home does not lie between the
  // hole and it, so that lookups never meet a gap before their key.
  for (std::size_t i = (hole + 1) & mask; slots_[i] != 0; i = (i + 1) & mask) {
    const std::size_t h = home(key(slots_[i] - 1));
    const bool stays = hole <= i ? (hole < h && h <= i) : (hole < h || h <= i);
    if (stays) continue;
    slots_[hole] = slots_[i];
    hole = i;
  }
  slots_[hole] = 0;
  garbage_ += prefix_size(k.size()) + k.size();
  offsets_[id] = kNone;
  free_ids_.push_back(id);
  --size_;
}

void GroupKeyTable::grow_slots() {
  std::vector<std::uint32_t> old = std::move(slots_);
  slots_.assign(old.empty() ? kFirstSlots : old.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint32_t slot : old) {
    if (slot == 0) continue;
    std::size_t i = home(key(slot - 1));
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void GroupKeyTable::compact_arena() {
  std::vector<char> live;
  live.reserve(arena_.size() - garbage_ + (arena_.size() - garbage_) / 4);
  std::swap(live, arena_);
  for (std::uint32_t& offset : offsets_) {
    if (offset == kNone) continue;
    const std::string_view k = read_key(live, offset);
    offset = static_cast<std::uint32_t>(arena_.size());
    append_key(k);
  }
  garbage_ = 0;
}

}  // namespace ward::sigma

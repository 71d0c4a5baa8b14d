#include "store/string_ids.h"

#include <cstring>
#include <functional>
#include <limits>

namespace ward::store {

std::uint64_t StringIds::hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

std::int64_t StringIds::find(std::string_view s) const {
  if (slots_.empty()) return 0;
  const std::uint64_t h = hash_of(s);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == 0) return 0;
    if (slot.hash == h && slot.length == s.size() &&
        std::memcmp(keys_.data() + slot.offset, s.data(), s.size()) == 0)
      return slot.id;
  }
}

void StringIds::insert(std::string_view s, std::int64_t id) {
  // Offsets are 32-bit: a cache past 4 GB of keys starts over (the table stays the truth).
  if (keys_.size() + s.size() > std::numeric_limits<std::uint32_t>::max()) clear();
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = hash_of(s);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = {h, static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(s.size()), id};
  keys_.append(s);
  ++size_;
}

void StringIds::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void StringIds::clear() {
  slots_.clear();
  keys_.clear();
  size_ = 0;
}

}  // namespace ward::store

// The writer's cache of the string dictionary (the `strings` table): string -> id, in memory.
// Open addressing with the keys packed in one buffer: a look-up is one probe into a flat array
// and one compare, where std::unordered_map took three cache misses (bucket, node, key) and was
// a third of the writer's time on a million-event import.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ward::store {

class StringIds {
 public:
  // The id of `s`, or 0 when it is not cached.
  std::int64_t find(std::string_view s) const;
  // Caches s -> id (id > 0); `s` must not be cached yet.
  void insert(std::string_view s, std::int64_t id);
  void clear();
  std::size_t size() const { return size_; }
  std::size_t key_bytes() const { return keys_.size(); }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0;  // of the key in keys_
    std::uint32_t length = 0;
    std::int64_t id = 0;  // 0 = empty slot
  };
  static std::uint64_t hash_of(std::string_view s);
  void grow();

  std::vector<Slot> slots_;  // a power of two long, at most half full
  std::string keys_;
  std::size_t size_ = 0;
};

}  // namespace ward::store

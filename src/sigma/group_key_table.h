// The group keys of one correlation (correlation_groups.h): byte strings → dense 32-bit ids,
// compact enough for a million open groups. Keys live in one arena (a length prefix, then the
// bytes); an open-addressing table (linear probing, backward-shift deletion, no tombstones)
// holds ids and compares full keys, so two keys that share a hash are still two groups.
// Erased ids are reused; the arena is compacted when more than half of it is erased keys.
// Not thread-safe: owned by one correlation of one engine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ward::sigma {

class GroupKeyTable {
 public:
  static constexpr std::uint32_t kNone = 0xffff'ffff;
  using HashFunction = std::uint64_t (*)(std::string_view);

  // `hash` is for tests that make keys collide or pick their slot (its low bits are the home
  // slot); the default is std::hash, mixed.
  explicit GroupKeyTable(HashFunction hash = nullptr);

  // The id of `key`, or kNone.
  std::uint32_t find(std::string_view key) const;
  // Adds `key`, which must not be present; returns its id (an erased one reused first).
  std::uint32_t insert(std::string_view key);
  // Removes the key of a live `id`; the id may be handed out again by insert().
  void erase(std::uint32_t id);
  // The key of a live `id`; valid until the next insert() (which may move the arena).
  std::string_view key(std::uint32_t id) const;

  std::size_t size() const { return size_; }
  // One past the largest id handed out so far: the size of vectors indexed by id.
  std::uint32_t id_bound() const { return static_cast<std::uint32_t>(offsets_.size()); }
  std::size_t slot_count() const { return slots_.size(); }
  std::size_t arena_bytes() const { return arena_.size(); }  // live and erased keys, with prefixes

 private:
  std::uint64_t hash_of(std::string_view key) const;
  std::size_t home(std::string_view key) const;
  void grow_slots();
  void compact_arena();
  void append_key(std::string_view key);

  HashFunction hash_;
  std::vector<std::uint32_t> slots_;    // 0: empty, else id + 1; a power of two long
  std::vector<std::uint32_t> offsets_;  // per id: where its key starts in arena_, kNone if erased
  std::vector<std::uint32_t> free_ids_;
  std::vector<char> arena_;
  std::size_t garbage_ = 0;  // arena bytes of erased keys
  std::size_t size_ = 0;
};

}  // namespace ward::sigma

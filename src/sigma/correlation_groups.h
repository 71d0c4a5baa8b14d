// The open groups of one correlation (correlation_engine.h): per group-by key, its window of
// matches in time order, for value_count the matches per distinct value, and the least recently
// fed order. Laid out for a million groups (docs/benchmarks.md, "Correlation state"): keys in a
// GroupKeyTable, groups in one vector indexed by its ids with 32-bit LRU links, the first two
// matches of a window inline in the group (24 bytes each) and the rest in a side vector, value
// counts inline for the first two values. Freed groups, side vectors and keys are reused.
// Not thread-safe: owned by one engine.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "sigma/group_key_table.h"

namespace ward::sigma {

// One event behind a match: where it is and which rule matched it (an index into the rules).
struct EventRef {
  TimeNs time = 0;
  std::uint64_t event_index = 0;
  std::uint32_t file = 0;
  std::uint32_t rule = 0;
};

// A match in a window as read back: its time, which input of the correlation it came through,
// and the events behind it (one for a detection match, an inner alert's for a correlation's).
struct WindowEntry {
  TimeNs time = 0;
  std::uint32_t input = 0;
  EventRef first;
  std::span<const EventRef> more;  // valid until the store changes
};

class CorrelationGroups {
 public:
  using Id = std::uint32_t;
  static constexpr Id kNone = GroupKeyTable::kNone;

  // `counts_values`: value_count, whose groups count matches per value hash.
  explicit CorrelationGroups(bool counts_values, GroupKeyTable::HashFunction hash = nullptr);

  Id find(std::string_view key) const { return keys_.find(key); }
  // A new group of `key` (absent), made the most recently fed, its newest and window start
  // `time`; kNone when the key arena is full (4 GiB): drop a group first.
  Id open(std::string_view key, TimeNs time);
  // Drops a group and everything it holds; its id, key bytes and side vectors are reused.
  void erase(Id g);
  // Makes `g` the most recently fed.
  void touch(Id g);
  Id oldest() const { return oldest_; }
  std::size_t size() const { return keys_.size(); }
  std::string_view key(Id g) const { return keys_.key(g); }

  // Per group: its newest match's time, when its window started (windows that wait for their
  // end), whether this window has lost a match at the cap.
  TimeNs& newest(Id g) { return groups_[g].newest; }
  TimeNs& window_start(Id g) { return groups_[g].window_start; }
  bool match_cap_raised(Id g) const { return groups_[g].match_cap_raised; }
  void set_match_cap_raised(Id g) { groups_[g].match_cap_raised = 1; }

  // Adds a match after every match of the same time; `refs` (≥ 1) are the events behind it,
  // `value` the counted value's hash (value_count).
  void add(Id g, TimeNs time, std::uint32_t input, std::span<const EventRef> refs, std::uint64_t value);
  void pop_front(Id g);
  // Empties the window (the group stays, its newest kept) and re-arms the match cap.
  void clear(Id g);
  std::size_t window_size(Id g) const { return groups_[g].size; }
  TimeNs front_time(Id g) const { return stored(g, 0).time; }
  WindowEntry entry(Id g, std::size_t i) const;
  std::uint64_t distinct_values(Id g) const { return values_.empty() ? 0 : values_[g].distinct; }

 private:
  // A match as kept: 24 bytes. `event` is the event's index, or for a match carrying several
  // events (an inner correlation's alert) the index of its refs in nested_; `origin` indexes
  // origins_ (file, rule, input); `value` the slot of its value (value_count).
  struct Stored {
    TimeNs time = 0;
    std::uint64_t event = 0;
    std::uint32_t origin = 0;
    std::uint32_t value = 0;
  };
  struct Origin {
    std::uint32_t file = 0, rule = 0, input = 0;
    bool nested = false;
    bool operator==(const Origin&) const = default;
  };
  struct OriginHash {
    std::size_t operator()(const Origin& o) const;
  };
  static constexpr std::size_t kInline = 2;
  struct Group {
    TimeNs newest = 0;
    TimeNs window_start = 0;
    Id older = kNone, newer = kNone;
    std::uint32_t size : 31 = 0;
    std::uint32_t match_cap_raised : 1 = 0;
    std::uint32_t spill = kNone;  // index into spills_ once the window outgrows kInline
    Stored inline_entries[kInline];
  };
  struct Spill {
    std::vector<Stored> entries;  // the window from `head` on
    std::size_t head = 0;
  };
  // value_count: count per value hash in stable slots (entries point at them), the first two
  // inline, more in a side vector; a slot with count 0 is free.
  struct ValueCounts {
    std::uint64_t hash[kInline] = {};
    std::uint32_t count[kInline] = {};
    std::uint32_t more = kNone;  // index into value_spills_
    std::uint32_t distinct = 0;
  };
  using ValueSlots = std::vector<std::pair<std::uint64_t, std::uint32_t>>;

  // A pool of side vectors: freed ones are emptied (their memory returned) and reused.
  template <typename T>
  struct Pool {
    std::vector<T> items;
    std::vector<std::uint32_t> free;
    std::uint32_t take();
    void give_back(std::uint32_t i);
  };

  const Stored& stored(Id g, std::size_t i) const;
  void release(Id g, const Stored& s);  // its nested refs and its value's count
  std::uint32_t value_slot(Id g, std::uint64_t hash);
  void drop_value(Id g, std::uint32_t slot);
  void unlink(Id g);
  void link_youngest(Id g);

  bool counts_values_;
  GroupKeyTable keys_;
  std::vector<Group> groups_;  // indexed by key id
  std::vector<ValueCounts> values_;  // value_count only, indexed by key id
  Pool<Spill> spills_;
  Pool<ValueSlots> value_spills_;
  Pool<std::vector<EventRef>> nested_;
  std::vector<Origin> origins_;
  std::unordered_map<Origin, std::uint32_t, OriginHash> origin_ids_;
  Id oldest_ = kNone, youngest_ = kNone;
};

}  // namespace ward::sigma

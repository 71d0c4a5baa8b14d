// The literals a prefilter table's scan found in a text, remembered for the next time the same
// text is scanned in the same table. Field values repeat from event to event (an Image, a
// ParentImage, an IntegrityLevel, most command lines), and scanning a large table (Hyperscan
// over thousands of literals, or a few folded searches) costs hundreds to thousands of cycles
// where a look-up here costs tens. Exact: a hit compares the whole text. Direct-mapped by a hash
// of the text: a new text replaces the one in its slot. Used by the prefilter's scopes
// (prefilter.h); one thread; the tables named must outlive the memo.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ward::sigma {

class LiteralMemo {
 public:
  static constexpr std::size_t kSlots = 8192;
  // Longer texts are scanned every time (copying them in costs more than they save).
  static constexpr std::size_t kLongestText = 512;

  // A hash of the text (case counts), for find and remember.
  static std::uint64_t hash(std::string_view text);

  // The ids of the literals found in `text` when it was last scanned in `table`, or nullopt when
  // it is not remembered. Valid until the next remember().
  std::optional<std::span<const std::uint32_t>> find(const void* table, std::string_view text, std::uint64_t hash) const;
  // Remembers what a scan of `text` in `table` found (a text longer than kLongestText is not).
  void remember(const void* table, std::string_view text, std::uint64_t hash, std::span<const std::uint32_t> ids);

 private:
  // A slot's table, sizes, ids and text in one block (a Header, the ids, the text), so that a hit
  // reads the slot (16 bytes: the slots stay in the cache) and one block: a slot that held a
  // std::string and a std::vector cost three cache misses on a hit.
  struct Header {
    const void* table;
    std::uint32_t text_size, id_count, capacity;
  };
  struct Slot {
    std::uint64_t hash = 0;
    std::unique_ptr<char[]> block;  // null: empty
  };
  std::vector<Slot> slots_;  // kSlots once something is remembered
};

// Whether the memo pays for one field: a field whose values seldom come again (times, GUIDs,
// file hashes) would only pay for hashing and copying them in. Counted over windows of kWindow
// scans; after a window with fewer than kWindow / 8 hits the field is scanned without the memo
// for kPause scans, then tried again.
class MemoTrial {
 public:
  static constexpr std::uint32_t kWindow = 1024, kPause = 16 * 1024;
  bool worth_trying() {
    if (paused_ == 0) return true;
    --paused_;
    return false;
  }
  void tried(bool hit) {
    hits_ += hit ? 1 : 0;
    if (++tries_ < kWindow) return;
    if (hits_ < kWindow / 8) paused_ = kPause;
    tries_ = hits_ = 0;
  }

 private:
  std::uint32_t tries_ = 0, hits_ = 0, paused_ = 0;
};

}  // namespace ward::sigma

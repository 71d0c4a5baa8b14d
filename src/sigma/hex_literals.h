// Literals holding a long hexadecimal run — file hashes (`SHA256=9F86…`, `\xFF` 9f86…`\xFF`) —
// found by looking up each hexadecimal run of the scanned text in a hash table instead of by
// Hyperscan, which scans thousands of them at several cycles per byte. The prefilter
// (prefilter.h) puts a table's literals that takes() accepts here. Immutable after finish();
// find() may be called by several threads at once.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ward::sigma {

class HexLiterals {
 public:
  // The shortest hexadecimal run a literal must hold (an MD5 has 32 digits).
  static constexpr std::size_t kMinRun = 32;

  // Whether `folded` (ASCII lower-case) can be looked up: it holds a run of at least kMinRun
  // hexadecimal digits right after a byte that is not one (`=`, the value separator). Such a run
  // starts where a run of the scanned text starts, so looking up the text's runs finds it.
  static bool takes(std::string_view folded);

  // Adds a literal takes() accepts (others are ignored), reported as `id`; then finish().
  void add(std::string_view folded, std::uint32_t id);
  void finish();
  bool empty() const { return entries_.empty(); }

  // Calls found(id) for each literal occurring in `text` (ASCII case-insensitively); a literal
  // occurring more than once may be reported more than once.
  template <typename Found>
  void find(std::string_view text, Found&& found) const {
    if (entries_.empty()) return;
    // The text's runs of digits, from a mask of its digits 64 bytes at a time (hex_mask): a
    // byte-by-byte walk through each run (a Sysmon Hashes value is nearly all digits) cost ~10
    // cycles a byte, a branch on every one.
    const std::size_t n = text.size();
    std::size_t run_start = SIZE_MAX;  // where the run being followed started; SIZE_MAX: none
    for (std::size_t base = 0; base < n; base += 64) {
      const std::size_t length = std::min<std::size_t>(64, n - base);
      const std::uint64_t digits = hex_mask(text.data() + base, length);  // 0 beyond length
      std::size_t at = 0;
      while (at < length) {
        if (run_start == SIZE_MAX) {
          const std::uint64_t ahead = digits >> at;
          if (ahead == 0) break;
          at += static_cast<std::size_t>(__builtin_ctzll(ahead));
          run_start = base + at;
        }
        const std::uint64_t others = ~digits >> at;  // ones beyond length: a run ends there at the latest
        if (others == 0) break;  // the run goes on into the next 64 bytes
        at += static_cast<std::size_t>(__builtin_ctzll(others));
        look_up_run(text, run_start, base + at, found);
        run_start = SIZE_MAX;
      }
    }
    if (run_start != SIZE_MAX) look_up_run(text, run_start, n, found);
  }
 private:
  struct Entry {
    std::uint64_t key;    // key_at the run's start
    std::string literal;  // folded
    std::uint32_t run_at;  // where the run starts in the literal
    std::uint32_t id;
  };
  // The run [start, end) of the text's digits, when long enough, looked up.
  template <typename Found>
  void look_up_run(std::string_view text, std::size_t start, std::size_t end, Found& found) const {
    if (end - start < min_run_) return;
    const std::uint64_t key = key_at(text.data() + start);
    if ((bits_[(key & bit_mask_) >> 6] >> (key & 63) & 1) == 0) return;  // most hashes are no rule's
    for (std::size_t at = slot_of(key); slots_[at] != 0; at = (at + 1) & (slots_.size() - 1)) {
      const Entry& e = entries_[slots_[at] - 1];
      if (e.key == key && e.run_at <= start && matches_at(e, text, start - e.run_at)) found(e.id);
    }
  }
  // Bit i set when text[i] is a hexadecimal digit (either case), for the `length` (at most 64)
  // bytes from `text`; the bits from `length` on are 0.
  static std::uint64_t hex_mask(const char* text, std::size_t length);
  // The first 16 digits of a run, case folded, mixed into one word.
  static std::uint64_t key_at(const char* run);
  std::size_t slot_of(std::uint64_t key) const { return (key >> 20) & (slots_.size() - 1); }
  static bool matches_at(const Entry& e, std::string_view text, std::size_t at);

  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // open addressing by key: entry index + 1
  // A bit per key's low bits, set for the keys held: small enough to stay in cache, where the
  // slots and entries would be a miss or two for each run looked up.
  std::vector<std::uint64_t> bits_;
  std::uint64_t bit_mask_ = 0;
  std::size_t min_run_ = SIZE_MAX;    // the shortest run of the literals held
};

}  // namespace ward::sigma
